/* cmd_imports: carepledge imports --db FILE [--marks] [--format text|csv|json]
 *
 * Lists the import log (service/svc_imports.h): a row per file of each import,
 * with the import's number, time, who ran it, its rows in all and per table
 * (read, then of each table's keys those added, changed and unchanged), the
 * file's size and SHA-256, and the marks the import made that still stand, by
 * field. With --marks, every marked value, one per line. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "render/table.h"
#include "service/svc_imports.h"

#include <stdio.h>

static const CliOption imports_options[] = {
    {"db", "FILE", "the Carepledge database", NULL, true, 0, 0, NULL},
    {"marks", NULL,
     "list the values stored as unknown by import --keep-invalid, one per line, instead", NULL,
     false, 0, 0, NULL},
    {"format", NULL, "how to write the result", cli_check_choice, false, 0, 0, cmd_table_formats},
    CLI_OPTION_OUT,
    CLI_OPTION_CSV_RAW,
};

static const RenderColumn imports_columns[] = {
    {"import", true},  {"imported_at", false}, {"actor", false},   {"rows", true},
    {"tables", false}, {"added", false},       {"changed", false}, {"unchanged", false},
    {"file", false},   {"size", true},         {"sha256", false},  {"marks", false},
};
enum { N_IMPORTS_COLUMNS = sizeof imports_columns / sizeof imports_columns[0] };

static void write_imports(FILE *out, const ImportsResult *e, OutputFormat format)
{
    RenderTable t;
    render_table_init(&t, imports_columns, N_IMPORTS_COLUMNS);
    for (int i = 0; i < e->n_entries; i++) {
        const ImportsEntry *x = &e->entries[i];
        char id[24], rows[24], size[24];
        snprintf(id, sizeof id, "%lld", x->id);
        snprintf(rows, sizeof rows, "%ld", x->rows);
        snprintf(size, sizeof size, "%lld", x->size);
        const char *row[N_IMPORTS_COLUMNS] = {id,
                                              x->imported_at,
                                              x->actor,
                                              rows,
                                              x->tables ? x->tables : "",
                                              x->added ? x->added : "",
                                              x->changed ? x->changed : "",
                                              x->unchanged ? x->unchanged : "",
                                              x->path ? x->path : "",
                                              x->path ? size : "",
                                              x->sha256 ? x->sha256 : "",
                                              x->marks ? x->marks : ""};
        render_table_add_row(&t, row);
    }
    render_table_write(out, &t, format);
    render_table_free(&t);
}

static const RenderColumn marks_columns[] = {
    {"import", true}, {"imported_at", false}, {"table", false}, {"child", false},   {"row", false},
    {"field", false}, {"value", false},       {"year", false},  {"message", false},
};
enum { N_MARKS_COLUMNS = sizeof marks_columns / sizeof marks_columns[0] };

/* Every marked value: the stored row (table, child, its key) and field, the
 * value as given, the collection year it was checked in and why it is marked. */
static void write_marks(FILE *out, const Ssda903Marks *m, OutputFormat format)
{
    RenderTable t;
    render_table_init(&t, marks_columns, N_MARKS_COLUMNS);
    for (int i = 0; i < m->n; i++) {
        const Ssda903Mark *x = &m->items[i];
        char id[24], year[16];
        snprintf(id, sizeof id, "%lld", x->import_id);
        snprintf(year, sizeof year, "%d/%02d", x->year - 1, x->year % 100);
        const char *row[N_MARKS_COLUMNS] = {id,
                                            x->imported_at ? x->imported_at : "",
                                            ssda903_table(x->table)->sql_name,
                                            x->child,
                                            x->row_key,
                                            x->field,
                                            x->value,
                                            year,
                                            x->message};
        render_table_add_row(&t, row);
    }
    render_table_write(out, &t, format);
    render_table_free(&t);
}

static int run_imports(const CliArgs *args, const AppContext *ctx, const Actor *actor, Err *err)
{
    ImportsRequest req = {.db_path = cli_text(args, "db"), .marks = cli_flag(args, "marks")};
    OutputFormat format;
    render_format_parse(cli_text(args, "format"), RENDER_FORMATS_TABLE, &format, NULL);
    ImportsResult res;
    int rc = svc_imports_run(ctx, &req, actor, &res, err);
    if (rc == 0 && !res.has_log)
        fprintf(stderr,
                "carepledge imports: %s was written before Carepledge logged imports; "
                "the next import starts the log\n",
                req.db_path);
    if (rc == 0 && req.marks)
        write_marks(args->out, &res.marks, format);
    else if (rc == 0)
        write_imports(args->out, &res, format);
    svc_imports_free(&res);
    return rc < 0 ? rc : CLI_EXIT_OK;
}

const CliCommand cmd_imports = {
    "imports",
    "the import log: each import's time, who ran it, its rows and every file with its SHA-256",
    imports_options,
    (int)(sizeof imports_options / sizeof imports_options[0]),
    NULL,
    false,
    run_imports,
    0,
};
