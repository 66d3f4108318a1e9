package pipeline

import (
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/input/workbook"
)

// useRegister counts 表三 (and 表四 when the export has cases) from the
// register [register] names, in place of what the workbook holds.
func useRegister(cfg *config.Config, cur *workbook.Result) error {
	src := cfg.Register
	reg, err := register.ReadFile(cfg.Path(src.File), cfg.Year, src.Layout())
	if err != nil {
		return err
	}
	cur.UseRegister(reg, src.HasCases())
	return nil
}
