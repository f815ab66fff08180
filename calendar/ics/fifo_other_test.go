//go:build !unix

package ics

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
