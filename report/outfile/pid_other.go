//go:build !unix

package outfile

import "os"

// pidAlive tells whether a process with this PID runs on this host. On
// Windows FindProcess opens the process and fails if there is none;
// elsewhere it cannot tell and says yes, leaving the lock's age to decide.
func pidAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
