#!/usr/bin/env bash
# Set-up on a fresh Debian machine, in one command: install what is missing,
# build, generate the synthetic demo data, import it into an SQLite file and
# print the strategy's profile on 31/03/2010 (and write the demo's Pledge
# scorecard for 2009/10 as a PDF board pack, with synth's synthetic postcode
# directory for the placement distance and location).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)"

rm -rf demo
build/carepledge synth --out demo/903 --profile dorset-2010 --seed 2010 --children 900 \
  --postcodes demo/onspd.csv --survey demo/survey.csv
build/carepledge import --db demo/carepledge.db demo/903
# Made-up answers to the young people's survey, one round a year (docs/survey.md),
# and an open round with a few codes to try the survey with in the web application.
build/carepledge survey import demo/survey.csv --db demo/carepledge.db
build/carepledge survey open "Demo survey" --year 2009/10 --db demo/carepledge.db
build/carepledge survey codes "Demo survey" --count 5 --db demo/carepledge.db
# The governance of the Pledge for 2008/09 and 2009/10 (docs/governance.md):
# meetings, CiCC issues (some answered late), participation, the action plan.
build/carepledge governance demo --db demo/carepledge.db --out demo/governance --year 2009/10
build/carepledge profile --db demo/carepledge.db --at 2010-03-31
build/carepledge scorecard --db demo/carepledge.db --year 2009/10 --years 4 --format pdf \
  --postcodes demo/onspd.csv --la X10000001 --out demo/scorecard.pdf
echo
echo "The Pledge scorecard for 2009/10 is in demo/scorecard.pdf;"
echo "build/carepledge scorecard --db demo/carepledge.db --year 2009/10 prints it"
echo "(add --postcodes demo/onspd.csv --la X10000001 for the placement distance and location:"
echo "a synthetic postcode directory, with made-up grid references and authority codes)."

# Demo users of every role for the web application, with passwords generated
# now and printed once (docs/web.md). The social worker's caseload is the first
# ten children.
echo
echo "Demo users of the web application (the passwords are shown only now):"
for role in administrator manager social_worker personal_adviser reviewing_officer \
  data_analyst councillor young_person cicc_facilitator; do
  build/carepledge user add "demo_$role" --role "$role" --db demo/carepledge.db
done
for child in $(sqlite3 demo/carepledge.db "SELECT child FROM header ORDER BY child LIMIT 10"); do
  build/carepledge user allocate demo_social_worker "$child" --db demo/carepledge.db
done
echo
echo "Start the web application with:"
echo "  build/carepledge serve --db demo/carepledge.db"
echo "then open http://127.0.0.1:8080/ and sign in as one of the users above."
