// Package records reads and writes member and challenge records in the three exchange formats of innonet:
// JSON Lines (the schema of the import files under shared/eval), CSV and XLSX. It is the library behind
// `innonet import`, `innonet export` and the admin upload endpoint.
//
// Reading converts records into models types faithfully and reports malformed rows as RowErrors with the
// row number the user sees; it does not normalize text or validate against the taxonomy, which is the
// caller's job (Normalize, then Validate). The CSV/XLSX column layout is documented in README.md.
package records
