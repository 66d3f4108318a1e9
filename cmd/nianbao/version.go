package main

import (
	"fmt"
	"runtime/debug"
	"time"
)

// Set by the Makefile's build target:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=abc1234 -X main.buildDate=2026-12-06T11:00:00Z"
//
// Left empty, they come from the build info go embeds for a build inside
// a git checkout, else read 开发版.
var version, commit, buildDate string

const devel = "开发版"

// versionText is what "nianbao version" prints.
func versionText() string {
	v, c, d := version, commit, buildDate
	dirty := false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			case s.Key == "vcs.modified" && commit == "":
				dirty = s.Value == "true"
			}
		}
	}
	return formatVersion(v, c, d, dirty)
}

func formatVersion(v, c, d string, dirty bool) string {
	if v == "" {
		v = devel
	}
	if len(c) > 12 {
		c = c[:12]
	}
	if c == "" {
		c = "未知"
	} else if dirty {
		c += "，有未提交的修改"
	}
	if t, err := time.Parse(time.RFC3339, d); err == nil {
		d = t.UTC().Format("2006-01-02 15:04 UTC")
	}
	if d == "" {
		d = "未知"
	}
	return fmt.Sprintf("nianbao %s（提交 %s，构建于 %s）", v, c, d)
}
