package main

import (
	"encoding/json"
	"errors"
	"io"

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
	Cell  string `json:"cell,omitempty"` // "D6", or a range "D6:I6"
	Line  int    `json:"line,omitempty"`
	What  string `json:"what,omitempty"` // the place in words, e.g. "[narrative] requests"
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
	return jsonPlace{File: p.File, Sheet: p.Sheet, Cell: p.Ref(), Line: p.Line, What: p.What}
}

func severity(s diag.Severity) string {
	b, _ := s.MarshalText()
	return string(b)
}

func messageOf(m diag.Message) jsonMessage {
	return jsonMessage{Severity: severity(m.Severity), Rule: m.Rule, jsonPlace: placeOf(m.Pos), Message: m.Text}
}

func findingMessage(f check.Finding) jsonMessage {
	m := jsonMessage{Severity: severity(f.Severity), Rule: f.Rule, Message: f.Message, Expected: f.Expected, Found: f.Found, Cause: f.Cause.String()}
	if len(f.Cells) > 0 {
		m.jsonPlace = placeOf(f.Cells[0])
		for _, c := range f.Cells[1:] {
			m.Related = append(m.Related, placeOf(c))
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
