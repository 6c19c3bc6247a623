// Package opkit holds what the operator tools (tools/loadtest, tools/crashtest) share: starting and stopping
// bin/innonet on a loopback port, and a small JSON client of its API.
package opkit
