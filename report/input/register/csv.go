package register

import "github.com/nianbao/nianbao/report/stats"

// OpenData is the register as open data: one line per application (and per
// case), without what could name a person or their affairs: 申请内容, 备注
// and any name column are left out.
func (r *Register) OpenData() (apps, cases []byte) {
	rows := [][]string{{HeadSeq, HeadReceived, HeadApplicant, HeadOutcome, HeadAnswered, HeadStatus}}
	for _, a := range r.Applications {
		out, status := "", StatusDone
		if a.Carried {
			status = StatusCarried
		} else {
			out = Outcomes[a.Outcome-stats.RowFirstOut]
		}
		rows = append(rows, []string{a.Seq, a.Received.String(), Applicants[a.Applicant], out, a.Answered.String(), status})
	}
	apps = stats.WriteCSV(rows)
	if r.CaseSht == "" {
		return apps, nil
	}
	rows = [][]string{{HeadSeq, HeadKind, HeadFiled, HeadResult, HeadClosed}}
	for _, c := range r.Cases {
		rows = append(rows, []string{c.Seq, Kinds[c.Kind], c.Filed.String(), Results[c.Result], c.Closed.String()})
	}
	return apps, stats.WriteCSV(rows)
}
