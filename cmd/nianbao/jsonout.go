package main

import (
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/pipeline"
)

// jsonSchema versions the --json output of check and status. It changes
// when a key is removed or changes meaning, never when one is added.
const jsonSchema = 1

// jsonPlace is a position as other programs want it: parts, not a string.
type jsonPlace struct {
	File  string `json:"file,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
	Line  int    `json:"line,omitempty"`
}

// jsonMessage is one finding or message with its place.
type jsonMessage struct {
	Severity string `json:"severity"` // error, warning
	Rule     string `json:"rule,omitempty"`
	jsonPlace
	Message  string      `json:"message"`
	Related  []jsonPlace `json:"related,omitempty"` // the cells it is computed from
	Expected string      `json:"expected,omitempty"`
	Found    string      `json:"found,omitempty"`
	Cause    string      `json:"cause,omitempty"` // one cell that explains it
}

// jsonEnvelope starts the --json output of check and status alike.
type jsonEnvelope struct {
	Schema   int           `json:"schema_version"`
	Command  string        `json:"command"`
	OK       bool          `json:"ok"`
	Messages []jsonMessage `json:"messages"`
}

func placeOf(p diag.Pos) jsonPlace {
	return jsonPlace{File: p.File, Sheet: p.Sheet, Cell: p.Cell, Line: p.Line}
}

// parsePlace reads back a position as diag.Pos.String writes it:
// "file › sheet!A1", "file 第 3 行", or a bare file.
func parsePlace(s string) jsonPlace {
	var p jsonPlace
	if file, rest, ok := strings.Cut(s, " › "); ok {
		p.File = file
		p.Sheet, p.Cell, _ = strings.Cut(rest, "!")
		return p
	}
	if file, rest, ok := strings.Cut(s, " 第 "); ok {
		n := strings.TrimSuffix(rest, " 行")
		line := 0
		for _, c := range n {
			if c < '0' || c > '9' {
				return jsonPlace{File: s}
			}
			line = line*10 + int(c-'0')
		}
		return jsonPlace{File: file, Line: line}
	}
	return jsonPlace{File: s}
}

func severity(s diag.Severity) string {
	b, _ := s.MarshalText()
	return string(b)
}

func messageOf(m diag.Message) jsonMessage {
	return jsonMessage{Severity: severity(m.Severity), Rule: m.Rule, jsonPlace: placeOf(m.Pos), Message: m.Text}
}

func findingMessage(f check.Finding) jsonMessage {
	m := jsonMessage{Severity: severity(f.Severity), Rule: f.Rule, Message: f.Message, Expected: f.Expected, Found: f.Found, Cause: f.Cause}
	if len(f.Cells) > 0 {
		m.jsonPlace = parsePlace(f.Cells[0])
		for _, c := range f.Cells[1:] {
			m.Related = append(m.Related, parsePlace(c))
		}
	}
	return m
}

// checkMessages lists what check found, errors first, each with its place.
func checkMessages(rep *pipeline.CheckReport) []jsonMessage {
	out := []jsonMessage{}
	for _, f := range rep.Findings {
		out = append(out, findingMessage(f))
	}
	for _, m := range rep.ReadWarnings {
		out = append(out, messageOf(m))
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeJSONError keeps --json output machine-readable when input fails:
// the same envelope, not ok, with the messages that stopped the command.
func writeJSONError(w io.Writer, command string, err error) {
	var de diag.Errors
	if !errors.As(err, &de) {
		de = diag.Errors{{Severity: diag.Error, Text: err.Error()}}
	}
	out := struct {
		jsonEnvelope
		ReadErrors []diag.Message `json:"read_errors"`
	}{jsonEnvelope{Schema: jsonSchema, Command: command, Messages: []jsonMessage{}}, de}
	for _, m := range de {
		out.Messages = append(out.Messages, messageOf(m))
	}
	_ = writeJSON(w, out)
}
