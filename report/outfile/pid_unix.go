//go:build unix

package outfile

import (
	"errors"
	"syscall"
)

// pidAlive tells whether a process with this PID runs on this host.
// Signal 0 checks without sending; EPERM means it runs as another user.
func pidAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
