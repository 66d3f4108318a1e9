// Command nianbao produces the 政府信息公开工作年度报告 of a government body.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], newEnv()))
}
