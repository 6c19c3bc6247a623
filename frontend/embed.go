// Package frontend embeds the built web app (frontend/dist, made by `make web`). On a fresh clone dist holds
// only a placeholder file, and the server shows a short page that says how to build the app.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built web app, rooted at its index.html.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	return sub
}
