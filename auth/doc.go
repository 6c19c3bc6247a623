// Package auth holds the security primitives of innonet: signed access tokens (EdDSA JWTs with rotating keys),
// password hashing (argon2id in PHC strings) and its policy, opaque refresh-token secrets, and a keyed rate
// limiter. It speaks no HTTP; the use cases call it. Every error it returns is a *models.Error.
package auth
