module github.com/tzplan/tzplan

go 1.24

require (
	github.com/google/go-cmp v0.7.0
	github.com/rickar/cal/v2 v2.1.26
	github.com/teambition/rrule-go v1.8.2
	github.com/thlib/go-timezone-local v0.0.9
	pgregory.net/rapid v1.3.0
)

require golang.org/x/sys v0.0.0-20210831042530-f4d43177bf5e // indirect
