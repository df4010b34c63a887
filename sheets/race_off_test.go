//go:build !race

package sheets

// raceDetector is true in a -race build, whose shadow memory makes peak
// memory figures meaningless.
const raceDetector = false
