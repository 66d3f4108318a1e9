//go:build !linux

package fontset

// releaseEmbedded is a no-op outside Linux (see release_linux.go).
func releaseEmbedded([]byte) {}
