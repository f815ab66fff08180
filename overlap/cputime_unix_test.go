//go:build unix

package overlap

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, its threads and
// the collector's included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
