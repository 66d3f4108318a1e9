package stats

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormatDoc: docs/format.md, which documents the tables for people,
// carries every official label exactly as the code writes it.
func TestFormatDoc(t *testing.T) {
	b, err := os.ReadFile("../../docs/format.md")
	require.NoError(t, err)
	doc := string(b)
	labels := []string{
		Section1, Section2, Section3, Section4, Section5, Section6,
		LabelItem1, LabelItem5, LabelItem6, LabelItem8, LabelInfo, LabelIssued, LabelRepealed, LabelInForce,
		LabelDecisions, LabelFeeAmount, LabelRegs, LabelNormDocs, LabelLicensing, LabelPunishment, LabelCoercion, LabelFees,
		LabelRequestsNote, LabelApplicants, LabelLegalPersons,
		LabelReview, LabelSuit, LabelSuitDirect, LabelSuitAfter,
	}
	for _, c := range RequestCols {
		labels = append(labels, "| "+c.Label+" |")
	}
	for _, r := range RequestRows {
		for _, l := range []string{r.Level1, r.Level2, r.Level3} {
			if l != "" {
				labels = append(labels, "| "+l)
			}
		}
	}
	for _, l := range AppealResults {
		labels = append(labels, "| "+l+" |")
	}
	for _, g := range RequestGroups {
		labels = append(labels, g.Label)
	}
	for _, l := range labels {
		assert.Contains(t, doc, l)
	}
}
