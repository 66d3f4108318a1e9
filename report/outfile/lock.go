package outfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/report/diag"
)

// LockName is the file that marks an output folder as being written. It
// holds the writer's PID, host and start time, so that a lock left by a
// dead build can be recognised and removed.
const LockName = ".nianbao-输出.lock"

// How long a build waits for another to finish writing, how often it
// looks, and when a lock counts as left behind whatever its PID says.
// Variables so that tests need not wait.
var (
	lockWait  = 5 * time.Second
	lockPoll  = 50 * time.Millisecond
	lockStale = 10 * time.Minute
)

type lockInfo struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
}

// LockedError means another build was writing into the folder and did not
// finish in time; nothing was written.
type LockedError struct {
	Path    string
	PID     int // 0 if the lock file could not be read
	Host    string
	Started time.Time
}

func (e *LockedError) Error() string {
	who := "另一个 nianbao 进程"
	if e.PID > 0 {
		who = fmt.Sprintf("另一个 nianbao 进程（进程号 %d，主机 %s，%s 开始）", e.PID, e.Host, e.Started.Local().Format("2006-01-02 15:04:05"))
	}
	return fmt.Sprintf("%s正在写入这个输出文件夹，等待 %v 后仍未结束，没有写入任何文件。锁文件：%s。请等它结束后再试；如确认没有 nianbao 在运行，可删除该锁文件",
		who, durText(lockWait), e.Path)
}

// durText says d the way a clerk would: "5 秒", "10 分钟".
func durText(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d 分钟", d/time.Minute)
	}
	return fmt.Sprintf("%g 秒", d.Seconds())
}

// lockDir takes dir's lock, waiting up to lockWait for another holder and
// removing a stale one. unlock removes the lock only if it is still ours.
func lockDir(dir string, note func(path, msg string)) (unlock func(), err error) {
	p := filepath.Join(dir, LockName)
	host, _ := os.Hostname()
	mine, err := json.Marshal(lockInfo{PID: os.Getpid(), Host: host, Started: time.Now().UTC()})
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = f.Write(mine)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				_ = os.Remove(p) // a stale lock that another build removed first is gone all the same
				return nil, diag.Errorf(diag.Pos{File: p}, "无法写入锁文件：%v", err)
			}
			return func() {
				if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, mine) {
					_ = os.Remove(p) // as above
				}
			}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, diag.Errorf(diag.Pos{File: p}, "无法创建锁文件：%v", err)
		}
		raw, info, why := readLock(p, host)
		if why != "" {
			// Compare again right before removing, so that a lock taken
			// since it was read is not removed; a tiny window remains.
			if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, raw) {
				if err := os.Remove(p); err == nil {
					note(p, "已删除过期的锁文件（"+why+"）")
				}
			}
			continue
		}
		if !time.Now().Before(deadline) {
			return nil, &LockedError{Path: p, PID: info.PID, Host: info.Host, Started: info.Started}
		}
		time.Sleep(lockPoll)
	}
}

// readLock reads the lock at p and says why it is stale, "" if it is not
// (or is gone: the next try creates it).
func readLock(p, host string) (raw []byte, info lockInfo, why string) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, info, ""
	}
	if json.Unmarshal(raw, &info) != nil || info.PID <= 0 {
		// Maybe being written this instant; only its age can tell.
		info = lockInfo{}
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > lockStale {
			return raw, info, "内容无法识别，已超过 " + durText(lockStale)
		}
		return raw, info, ""
	}
	if info.Host == host && !pidAlive(info.PID) {
		return raw, info, fmt.Sprintf("进程 %d 已不在运行", info.PID)
	}
	if time.Since(info.Started) > lockStale {
		return raw, info, fmt.Sprintf("进程 %d 于 %s 开始，已超过 %s", info.PID, info.Started.Local().Format("2006-01-02 15:04:05"), durText(lockStale))
	}
	return raw, info, ""
}
