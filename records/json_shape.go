package records

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// jsonShape maps the keys of a JSON object to the Go fields they decode into, so that unknown keys can be
// reported by name and type errors described by the field's declared type.
type jsonShape map[string]jsonField

type jsonField struct {
	typ reflect.Type
	sub jsonShape // for an object
}

// shapeOf returns the shape of the struct type R from its json tags.
func shapeOf[R any]() jsonShape { return shapeOfType(reflect.TypeFor[R]()) }

func shapeOfType(t reflect.Type) jsonShape {
	s := jsonShape{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		field := jsonField{typ: f.Type}
		if f.Type.Kind() == reflect.Struct {
			field.sub = shapeOfType(f.Type)
		}
		s[name] = field
	}
	return s
}

// unknown returns JSON pointers to the keys of obj, and of the objects nested in it, that are not in the
// shape, in sorted order.
func (s jsonShape) unknown(obj map[string]json.RawMessage, prefix string) []string {
	var ptrs []string
	for key, raw := range obj {
		field, ok := s[key]
		if !ok {
			ptrs = append(ptrs, prefix+pointer(key))
			continue
		}
		var sub map[string]json.RawMessage
		if field.sub != nil && json.Unmarshal(raw, &sub) == nil {
			ptrs = append(ptrs, field.sub.unknown(sub, prefix+pointer(key))...)
		}
	}
	slices.Sort(ptrs)
	return ptrs
}

// lookup returns the type of the field at path, or nil.
func (s jsonShape) lookup(path []string) reflect.Type {
	field, ok := s[path[0]]
	switch {
	case !ok:
		return nil
	case len(path) == 1:
		return field.typ
	case field.sub != nil:
		return field.sub.lookup(path[1:])
	}
	return nil
}

// describeType names a field type for a message: "an integer", "a list of strings"...
func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return describeType(t.Elem()) + " or null"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(strings.TrimPrefix(describeType(t.Elem()), "a "), "an ") + "s"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

// pointer returns the JSON pointer (RFC 6901) to the keys in path.
func pointer(path ...string) string {
	var b strings.Builder
	for _, key := range path {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(key))
	}
	return b.String()
}
