package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestComposeSettings: every setting deploy/compose.yaml gives innonet is one the program reads, so that a
// renamed flag cannot leave the deployment silently on a default.
func TestComposeSettings(t *testing.T) {
	raw, err := os.ReadFile("../../deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatal(err)
	}
	svc, ok := compose.Services["innonet"]
	if !ok || len(svc.Environment) == 0 {
		t.Fatalf("no innonet service with settings: %+v", compose.Services)
	}
	read := map[string]bool{}
	var cfg Config
	cfg.flagSet("serve", io.Discard, func(name string) string {
		read[name] = true
		return ""
	})
	for name := range svc.Environment {
		if !read[name] {
			t.Errorf("compose sets %s, which innonet does not read", name)
		}
	}
	for _, must := range []string{"MONGODB_URI", "INNONET_SMTP_ADDR", "INNONET_BASE_URL"} {
		if _, ok := svc.Environment[must]; !ok {
			t.Errorf("compose does not set %s", must)
		}
	}
	if uri := svc.Environment["MONGODB_URI"]; !strings.Contains(uri, "replicaSet=") || !strings.Contains(uri, "w=majority") {
		t.Errorf("MONGODB_URI %q: want a replica set and majority writes", uri)
	}
}
