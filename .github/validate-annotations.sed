# Turns the output of `catalogue validate` into GitHub annotations, shown at the line in the pull request's
# "Files changed": errors (K codes) in red, advice (W codes) in yellow. Run as `sed -nE -f <this file>`;
# used by .github/workflows/pull-request.yml, tested by tests/test_editor_tooling.py.
s/%/%25/g
s/^(catalogue\/[^:]+):([0-9]+): (.*) \[(K[0-9]+)\]$/::error file=\1,line=\2,title=\4::\3/p
s/^(catalogue\/[^:]+):([0-9]+): (.*) \[(W[0-9]+)\]$/::warning file=\1,line=\2,title=\4::\3/p
