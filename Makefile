# nianbao — 政府信息公开工作年度报告生成工具
GO      ?= go
BIN     := bin/nianbao
SAMPLE  := data

# Version stamp of the binary (nianbao version); a build without them reads
# go's own VCS stamp, else 开发版.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildDate=$(DATE)

.PHONY: all build report test vet bench bench-vs-libreoffice fuzz ci-deps clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/nianbao

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
	$(GO) test -run '^$$' -fuzz FuzzRead -fuzztime 30s ./report/workbook
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./report/config
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./report/plan
	$(GO) test -run '^$$' -fuzz FuzzReadXLSX -fuzztime 30s ./report/ledger
	$(GO) test -run '^$$' -fuzz FuzzReadTOML -fuzztime 30s ./report/ledger

# Real-client checks need LibreOffice and poppler; tests skip without them.
ci-deps:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils ; }

clean:
	rm -rf bin
