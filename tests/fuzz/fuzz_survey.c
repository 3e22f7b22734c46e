/* fuzz_survey: libFuzzer target for the survey's paper answers
 * (`survey import`: round,year,question,version,answer,count; docs/survey.md)
 * read into a database that holds a history (fuzz_store.h). Any input must be
 * recorded or refused with a message, never crash. */
#include "fuzz_store.h"
#include "service/svc_survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FuzzDbFile db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_db_file_reset(&db);
    char path[160];
    snprintf(path, sizeof path, "%s/answers.csv", fuzz_store.dir);
    fuzz_write(path, data, size);
    Actor actor;
    actor_named(&actor, "fuzz");
    Err err = {0};
    if (svc_survey_import(db.path, path, &actor, &err) < 0 && !err.msg[0]) __builtin_trap();
    return 0;
}
