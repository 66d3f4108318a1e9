package check_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/check"
)

// TestRulesDoc: every rule of the catalogue has its section in
// docs/rules.md, where its Doc link points, and every section there is a
// rule of the catalogue.
func TestRulesDoc(t *testing.T) {
	b, err := os.ReadFile("../../" + check.RulesDoc)
	require.NoError(t, err)
	doc := string(b)
	// A section is an anchor followed by its heading: <a id="r5"></a>\n## R5 …
	re := regexp.MustCompile(`(?m)^<a id="([^"]+)"></a>\n## (\S+) \S`)
	sections := map[string]bool{}
	for _, m := range re.FindAllStringSubmatch(doc, -1) {
		assert.Equal(t, strings.ToLower(m[2]), m[1], "anchor of section %s", m[2])
		assert.False(t, sections[m[2]], "section %s twice", m[2])
		sections[m[2]] = true
	}
	assert.Equal(t, len(regexp.MustCompile(`(?m)^## `).FindAllString(doc, -1)), len(sections), "every section has its anchor")
	ids := map[string]bool{}
	for _, r := range check.Rules {
		ids[r.ID] = true
		assert.Equal(t, check.RulesDoc+"#"+strings.ToLower(r.ID), r.Doc, r.ID)
		assert.True(t, sections[r.ID], "%s has no section in %s", r.ID, check.RulesDoc)
		assert.Contains(t, doc, "| ["+r.ID+"](#"+strings.ToLower(r.ID)+") | "+r.Severity.String()+" |", "%s in the overview, with its severity", r.ID)
	}
	for id := range sections {
		assert.True(t, ids[id], "section %s of %s is not in check.Rules", id, check.RulesDoc)
	}
}
