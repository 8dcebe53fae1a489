# CLI test: goals-load --from archi reads an Archi CSV export (elements,
# relations, properties) as Archi writes it, and gap-find checks it.
. "$(dirname "$0")/lib.bash"

# Relative paths, so that every "src" in the golden files reads
# model/elements.csv:LINE wherever the tree is checked out.
cd "$AK_DATA/archi" || exit 1

case_ "the model export loads"
run goals-load --from archi model
expect_status 0
expect_empty_stderr
expect_golden archi/model.out

case_ "semicolon-delimited with a byte-order mark: the same records"
run "goals-load --from archi semicolon-bom | sed 's,^\\(.*\"src\":\"\\)semicolon-bom/,\\1model/,'"
expect_status 0
expect_golden archi/model.out

case_ "tab-delimited: the same records"
run "goals-load --from archi tab | sed 's,^\\(.*\"src\":\"\\)tab/,\\1model/,'"
expect_status 0
expect_golden archi/model.out

case_ "-d names the delimiter"
run "goals-load -d ';' --from archi semicolon-bom | sed 's,^\\(.*\"src\":\"\\)semicolon-bom/,\\1model/,'"
expect_status 0
expect_golden archi/model.out

case_ "the three files, in any order"
run goals-load --from archi model/properties.csv model/elements.csv model/relations.csv
expect_status 0
expect_empty_stderr
expect_golden archi/model.out

case_ "one file: the others beside it"
run goals-load --from archi model/elements.csv
expect_status 0
expect_golden archi/model.out

case_ "a prefixed export in a directory"
mkdir "$AK_T/nw"
for f in elements relations properties; do cp "model/$f.csv" "$AK_T/nw/northwind-$f.csv"; done
run "cd '$AK_T' && goals-load --from archi nw | sed 's,^\\(.*\"src\":\"\\)nw/northwind-,\\1model/,'"
expect_status 0
expect_golden archi/model.out

case_ "gap-find checks the model and points at its rows"
# Status 1: gap-find found errors (pipefail keeps its status).
run "goals-load --from archi model | gap-find --as-of 2026-11-23 --gaps-only | jq -c '[.type, .severity, .src]'"
expect_status 1
expect_golden archi/gaps.out

case_ "every mistake reported, the rest loaded (--keep-going)"
run goals-load --keep-going --from archi errors
expect_status 2
expect_golden archi/errors.out
expect_stderr "$(cat "$AK_DATA/golden/archi/errors.err")"

case_ "strict: the first error stops, with status 2"
run goals-load --from archi errors
expect_status 2
expect_empty_stdout
expect_stderr 'goals-load: errors/elements.csv:4: element id-gaol: unknown type "Gaol": not an ArchiMate element type'

case_ "strict: the first relationship error in line order"
run goals-load --from archi errors/relations.csv errors/elements.csv
expect_status 2
expect_stderr 'goals-load: errors/elements.csv:4: element id-gaol: unknown type "Gaol": not an ArchiMate element type'

case_ "a header that is not Archi's"
run goals-load --keep-going --from archi bad-header
expect_status 2
expect_stdout '{"kind":"error","src":"bad-header/elements.csv:1","message":"not an Archi elements file: no column \"ID\" in the header"}'
expect_stderr 'goals-load: bad-header/elements.csv:1: not an Archi elements file: no column "ID" in the header'

case_ "a quoting error ends its file, not the model"
run goals-load --keep-going --from archi bad-quoting
expect_status 2
expect_golden archi/bad-quoting.out
expect_stderr 'goals-load: bad-quoting/relations.csv:3: text after the closing quote of a cell
goals-load: bad-quoting/properties.csv:3: a quoted cell is not closed'

case_ "a missing file"
mkdir "$AK_T/half"
cp model/elements.csv model/properties.csv "$AK_T/half/"
run "cd '$AK_T' && goals-load --keep-going --from archi half"
expect_status 2
expect_stderr 'goals-load: half/relations.csv: cannot open: No such file or directory'
expect_stdout_has '"title":"Checkout rewrite"'

case_ "no export named"
run goals-load --from archi
expect_status 2
expect_stderr 'goals-load: no export named: name the directory of an Archi CSV export, or its files'

case_ "a file that is not part of an export"
run goals-load --from archi model/model.csv
expect_status 2
expect_stderr 'goals-load: model/model.csv: not part of an Archi export: its name must end in elements.csv, relations.csv or properties.csv'

case_ "standard input"
run goals-load --from archi -
expect_status 2
expect_stderr 'goals-load: -: an Archi export is three files and cannot come from standard input: name its directory'

case_ "a directory without an export"
run goals-load --from archi "$AK_T/half/.."
expect_status 2
expect_stderr "goals-load: $AK_T/half/..: no elements.csv: an Archi CSV export is elements.csv, relations.csv and properties.csv"

case_ "an unknown source"
run goals-load --from sparx model
expect_status 2
expect_stderr "goals-load: --from: \"sparx\" is not a known source (archi)
Try 'goals-load --help'."

case_ "--help tells of --from archi"
run goals-load --help
expect_status 0
expect_stdout_has '--from archi'

case_ "a write error"
run "goals-load --from archi model >/dev/full"
expect_status 2
expect_stderr 'goals-load: write error: No space left on device'

finish
