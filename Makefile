# nianbao — 政府信息公开工作年度报告生成工具
GO      ?= go
BIN     := bin/nianbao
# -fuzztime as a count: every target gets past 100,000 executions, however
# slow its input (the workbook readers take minutes for that).
FUZZTIME ?= 100000x
# Linters, pinned; installed into GOBIN by make lint when missing.
GOLANGCI_LINT := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOBIN         ?= $(shell $(GO) env GOPATH)/bin
SAMPLE  := data

# Version stamp of the binary (nianbao version); a build without them reads
# go's own VCS stamp, else 开发版.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildDate=$(DATE)

.PHONY: all build report test vet lint bench bench-vs-libreoffice fuzz ci-deps clean

all: build

# Without cgo: nianbao uses no network, yet excelize links package net, and
# with cgo that makes a dynamically linked binary whose every start loads
# libc through ld.so and makes its threads through it: `nianbao version`
# took 28 ms of CPU, static 23 (medians of 40 runs). Static, it also runs
# on any Linux.
build:
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/nianbao

# The main job on the shipped sample: check the statistics, show the
# readiness view as of a January day of the sample's reporting cycle, and
# build the report into out/.
report: build
	cd $(SAMPLE) && ../$(BIN) check
	cd $(SAMPLE) && ../$(BIN) status --today 2023-01-20
	cd $(SAMPLE) && ../$(BIN) build

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l cmd report)" || { echo "gofmt needed:"; gofmt -l cmd report; exit 1; }

test: vet
	$(GO) test -count=1 ./...

# golangci-lint (default linters, .golangci.yml) and staticcheck: both must
# report nothing.
lint:
	@test -x $(GOBIN)/golangci-lint || $(GO) install $(GOLANGCI_LINT)
	@test -x $(GOBIN)/staticcheck || $(GO) install $(STATICCHECK)
	$(GOBIN)/golangci-lint run ./...
	$(GOBIN)/staticcheck ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The full build of the sample against LibreOffice converting nianbao's own
# DOCX to PDF (fresh profile, reused after a warm-up), interleaved N times:
# medians, ratio and peak memory of each. Needs soffice; not part of test.
BENCH_N ?= 15
bench-vs-libreoffice: build
	$(GO) run ./cmd/benchvslo -n $(BENCH_N) -nianbao $(BIN) -sample $(SAMPLE)

# Short fuzzing runs of every reader of user files.
fuzz:
	@for t in FuzzRead:./report/input/workbook FuzzOpen:./report/input/xlsxsafe FuzzParse:./report/input/config \
	          FuzzParse:./report/input/plan FuzzReadXLSX:./report/input/ledger FuzzReadTOML:./report/input/ledger \
	          FuzzCheck:./report/check/textcheck FuzzBreak:./report/render/linebreak \
	          FuzzParse:./report/input/register FuzzRead:./report/input/register FuzzReadRegister:./report/input/workbook \
	          FuzzReadRecord:./report/rollup FuzzHTML:./report/input/published FuzzDOCX:./report/input/published \
	          FuzzText:./report/input/published FuzzParse:./report/input/unitlist FuzzOwnMarks:./report/compose \
	          FuzzLeanMatchesFull:./report/input/workbook FuzzLeanMatchesFullRegister:./report/input/workbook; do \
	  name=$${t%%:*}; pkg=$${t#*:}; echo "== $$name $$pkg"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 50x $$pkg || exit 1; \
	done

# Real-client checks need LibreOffice and poppler (pdftotext, pdffonts);
# tests skip without them. They lay out Chinese with the repository's
# Fandol fonts (fonts/) through a private fontconfig, so no system CJK font
# is needed, but fontconfig must be there; and they fail, rather than pass
# on boxes, when LibreOffice's PDF embeds no Chinese font.
ci-deps:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && \
	  command -v pdffonts >/dev/null 2>&1 && command -v fc-list >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fontconfig ; }
	@test -f fonts/FandolFang-Regular.ttf || { echo "fonts/Fandol*.ttf missing: the real-client tests need them"; exit 1; }

clean:
	rm -rf bin
