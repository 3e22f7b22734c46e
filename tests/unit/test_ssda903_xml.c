/* Unit tests for the 903 XML reader and writer (exchange/ssda903_xml.h): the
 * tables an EXPSSDA903 document gives, with every cell's line, column and
 * element; each refusal (DOCTYPE, entity, not well-formed, unknown element,
 * wrong encoding, ...) with its place and nothing handed over; and the writer's
 * document read back to the same cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "exchange/ssda903_xml.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const Ssda903File *find(const Ssda903FileList *l, Ssda903TableId t)
{
    for (int i = 0; i < l->n_items; i++)
        if (l->items[i].table->id == t) return &l->items[i];
    return NULL;
}

static int cell_column(const Ssda903File *f, int row, int col)
{
    return f->cell_columns[(size_t)row * (size_t)f->table->n_columns + (size_t)col];
}

static int load(const char *xml, Ssda903FileList *out, ErrList *errs)
{
    return ssda903_xml_load_buffer("t.xml", xml, strlen(xml), out, errs);
}

/* A child with a record of most kinds, pretty-printed, with a comment holding
 * something like a tag before the first episode. */
static const char *const full_document =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                   /* 1 */
    "<EXPSSDA903>\n"                                                 /* 2 */
    "  <CHILD>\n"                                                    /* 3 */
    "    <HEADER>\n"                                                 /* 4 */
    "      <CHILDID> C1 </CHILDID>\n"                                /* 5 */
    "      <SEX>2</SEX><DOB>03/04/2008</DOB><ETHNIC>WBRI</ETHNIC>\n" /* 6 */
    "      <UASC>1</UASC><DUC>03/04/2026</DUC>\n"                    /* 7 */
    "      <AREVIEW><REVIEW>01/06/2016</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>\n"
    "      <AREVIEW><REVIEW>01/12/2016</REVIEW></AREVIEW>\n"               /* 9 */
    "      <IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV>\n"                    /* 10 */
    "      <AD_PLACED><DATE_PLACED>05/05/2016</DATE_PLACED></AD_PLACED>\n" /* 11 */
    "    </HEADER>\n"                                                      /* 12 */
    "    <!-- <EPISODE> in a comment is no element -->\n"                  /* 13 */
    "    <EPISODE>\n"                                                      /* 14 */
    "      <DECOM>01/05/2016</DECOM><RNE>S</RNE>\n"                        /* 15 */
    "      <PL>U1</PL><HOME_POST><![CDATA[DT1 1AA]]></HOME_POST>\n"        /* 16 */
    "      <PL_POST>A &amp; B</PL_POST><DEC/>\n"                           /* 17 */
    "    </EPISODE>\n"                                                     /* 18 */
    "  </CHILD>\n"                                                         /* 19 */
    "</EXPSSDA903>\n";

static void test_reads_every_table_with_places(void **state)
{
    (void)state;
    Ssda903FileList l = {0};
    ErrList errs = {0};
    assert_int_equal(load(full_document, &l, &errs), 0);
    assert_int_equal(errs.n_total, 0);
    const Ssda903File *h = find(&l, T903_HEADER), *e = find(&l, T903_EPISODES),
                      *r = find(&l, T903_REVIEWS), *u = find(&l, T903_UASC),
                      *o = find(&l, T903_OC3), *p = find(&l, T903_PLACED_ADOPTION);
    assert_non_null(h);
    assert_non_null(e);
    assert_non_null(r);
    assert_non_null(u);
    assert_non_null(o);
    assert_non_null(p);
    assert_null(find(&l, T903_OC2)); /* no rows: not handed over */
    assert_string_equal(ssda903_cell(h, 0, 0), "C1");
    assert_int_equal(ssda903_cell_line(h, 0, 0), 5);
    assert_int_equal(cell_column(h, 0, 0), 7);
    assert_string_equal(ssda903_field_label(h, 0), "HEADER/CHILDID");

    int place = ssda903_column_index(e->table, "PLACE");
    assert_int_equal(e->n_rows, 1);
    assert_string_equal(ssda903_cell(e, 0, 0), "C1");
    assert_string_equal(ssda903_cell(e, 0, place), "U1");
    assert_int_equal(ssda903_cell_line(e, 0, place), 16);
    assert_int_equal(cell_column(e, 0, place), 7);
    assert_string_equal(ssda903_field_label(e, place), "EPISODE/PL");
    assert_string_equal(ssda903_cell(e, 0, ssda903_column_index(e->table, "HOME_POST")), "DT1 1AA");
    assert_string_equal(ssda903_cell(e, 0, ssda903_column_index(e->table, "PL_POST")), "A & B");
    assert_string_equal(ssda903_cell(e, 0, ssda903_column_index(e->table, "DEC")), "");
    assert_int_equal(e->lines[0], 14);

    assert_int_equal(r->n_rows, 2);
    assert_string_equal(ssda903_cell(r, 1, 0), "C1");
    assert_string_equal(ssda903_cell(r, 1, 1), "03/04/2008"); /* DOB from the HEADER */
    assert_int_equal(ssda903_cell_line(r, 1, 1), 6);
    assert_string_equal(ssda903_cell(r, 1, 3), "");
    assert_string_equal(ssda903_cell(u, 0, 1), "2"); /* SEX from the HEADER */
    assert_string_equal(ssda903_cell(u, 0, 3), "03/04/2026");
    assert_string_equal(ssda903_cell(o, 0, 2), "YES");
    assert_string_equal(ssda903_cell(o, 0, 3), "F2");
    assert_string_equal(ssda903_cell(p, 0, 2), "05/05/2016");
    ssda903_file_list_free(&l);
    errlist_free(&errs);
}

static void test_header_may_follow_the_records(void **state)
{
    (void)state;
    const char *xml = "<EXPSSDA903><CHILD><EPISODE><DECOM>01/05/2016</DECOM></EPISODE>"
                      "<HEADER><CHILDID>C2</CHILDID><DOB>01/01/2010</DOB><UASC>0</UASC></HEADER>"
                      "</CHILD></EXPSSDA903>";
    Ssda903FileList l = {0};
    ErrList errs = {0};
    assert_int_equal(load(xml, &l, &errs), 0);
    assert_string_equal(ssda903_cell(find(&l, T903_EPISODES), 0, 0), "C2");
    assert_null(find(&l, T903_UASC)); /* UASC 0: not an asylum-seeking child */
    ssda903_file_list_free(&l);
    errlist_free(&errs);
}

/* Loads a faulty document: it is refused with nothing handed over, and the
 * first problem is at line:column, names field (or none) and says needle. */
static void expect_refused(const char *xml, size_t len, long line, int column, const char *field,
                           const char *needle)
{
    Ssda903FileList l = {0};
    ErrList errs = {0};
    assert_int_equal(ssda903_xml_load_buffer("t.xml", xml, len, &l, &errs), ERR_INPUT);
    assert_int_equal(l.n_items, 0);
    assert_true(errs.n_total >= 1);
    const Err *e = &errs.items[0];
    if (!strstr(e->msg, needle) || e->line != line || e->column != column ||
        strcmp(e->field, field) != 0)
        fail_msg("got %ld:%d: %s: %s; expected %ld:%d: %s: ...%s...", e->line, e->column, e->field,
                 e->msg, line, column, field, needle);
    ssda903_file_list_free(&l);
    errlist_free(&errs);
}

static void refused(const char *xml, long line, int column, const char *field, const char *needle)
{
    expect_refused(xml, strlen(xml), line, column, field, needle);
}

static void test_refusals(void **state)
{
    (void)state;
    refused("<?xml version=\"1.0\"?>\n<!DOCTYPE EXPSSDA903 SYSTEM \"http://example.org/903.dtd\">\n"
            "<EXPSSDA903/>\n",
            2, 1, "", "DOCTYPE");
    refused("<!DOCTYPE EXPSSDA903 [<!ENTITY a \"x\">]>\n<EXPSSDA903><CHILD><HEADER>"
            "<CHILDID>&a;</CHILDID></HEADER></CHILD></EXPSSDA903>",
            1, 1, "", "DOCTYPE");
    refused("<EXPSSDA903>\n<CHILD><HEADER><CHILDID>&a;</CHILDID></HEADER></CHILD></EXPSSDA903>", 2,
            28, "HEADER/CHILDID", "Entity 'a' not defined");
    refused("<EXPSSDA903>\n<CHILD><HEADER></CHILD></EXPSSDA903>", 2, 24, "CHILD/HEADER",
            "not well-formed XML");
    refused("<EXPSSDA903>\n<CHILD>\n  <HEADER><CHILDID>C</CHILDID></HEADER>\n  <FOSTER/>\n"
            "</CHILD></EXPSSDA903>",
            4, 3, "CHILD/FOSTER", "unknown element");
    refused("<EXPSSDA903><CHILD><HEADER><CHILDID>C<X/></CHILDID></HEADER></CHILD></EXPSSDA903>", 1,
            38, "CHILDID/X", "holds a value, not elements");
    refused("<EXPSSDA903><CHILD><HEADER><SEX>1</SEX><SEX>2</SEX></HEADER></CHILD></EXPSSDA903>", 1,
            40, "HEADER/SEX", "given twice");
    refused("<EXPSSDA903><CHILD><HEADER/><HEADER/></CHILD></EXPSSDA903>", 1, 29, "CHILD/HEADER",
            "a second HEADER");
    refused("<EXPSSDA903>\n  <CHILD><EPISODE/></CHILD></EXPSSDA903>", 2, 3, "CHILD",
            "needs a HEADER");
    refused("<EXPSSDA903><CHILD><HEADER><UASC>Y</UASC></HEADER></CHILD></EXPSSDA903>", 1, 28,
            "HEADER/UASC", "is not 1");
    refused("<EXPSSDA903><CHILD>stray<HEADER/></CHILD></EXPSSDA903>", 1, 1, "EXPSSDA903/CHILD",
            "text outside a field");
    refused("<?xml version=\"1.0\"?>\n<Return><CHILD/></Return>", 2, 1, "Return",
            "not a 903 XML export");
    refused("<EXPSSDA903><CHILD><HEADER><UPN>Ren\xE9</UPN></HEADER></CHILD></EXPSSDA903>", 1, 36,
            "HEADER/UPN", "save it as UTF-8");
    /* "<EXPSSDA903/>" in UTF-16, little-endian with a byte-order mark. */
    static const char utf16[] = "\xFF\xFE<\0E\0X\0P\0/\0>\0";
    expect_refused(utf16, sizeof utf16 - 1, 1, 1, "", "UTF-16");
    refused("", 1, 1, "", "not well-formed XML");
}

/* A document declaring Shift_JIS whose bytes are not Shift_JIS: libxml2
 * reports the failed conversion outside the reader (no parser context). */
static const char bad_shift_jis[] =
    "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
    "<EXPSSDA903><CHILD><HEADER><CHILDID>C\x81\x20\xFF\xFE</CHILDID></HEADER></CHILD>"
    "</EXPSSDA903>\n";

/* What a load of bad_shift_jis gave, standard error going to a file. */
typedef struct Captured {
    int rc;
    long long stderr_bytes;
    ErrList errs;
} Captured;

/* Loads bad_shift_jis on the calling thread, counting what reaches standard
 * error meanwhile (no assertion here: it may run on another thread). */
static void *load_capturing_stderr(void *arg)
{
    Captured *c = arg;
    char path[] = "/tmp/cp_xml_stderr_XXXXXX";
    int capture = mkstemp(path);
    c->stderr_bytes = -1;
    if (capture < 0) return NULL;
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(capture, STDERR_FILENO);
    Ssda903FileList l = {0};
    c->rc = ssda903_xml_load_buffer("t.xml", bad_shift_jis, sizeof bad_shift_jis - 1, &l, &c->errs);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    struct stat st;
    if (fstat(capture, &st) == 0) c->stderr_bytes = (long long)st.st_size;
    close(capture);
    unlink(path);
    ssda903_file_list_free(&l);
    return NULL;
}

/* One problem, at the bytes that could not be converted, and nothing
 * written to standard error. */
static void expect_one_report(Captured *c)
{
    assert_int_equal(c->rc, ERR_INPUT);
    if (c->stderr_bytes != 0) fail_msg("libxml2 wrote %lld bytes to stderr", c->stderr_bytes);
    assert_int_equal(c->errs.n_total, 1);
    const Err *e = &c->errs.items[0];
    assert_int_equal(e->line, 2);
    assert_int_equal(e->column, 38); /* the 0x81 after "C" */
    assert_non_null(strstr(e->msg, "save it as UTF-8"));
    assert_non_null(strstr(e->msg, "bytes 0x81 0x20 0xFF 0xFE"));
    errlist_free(&c->errs);
}

/* Every report of libxml2 reaches the reader's handler, none stderr: on
 * the main thread and on another (libxml2 keeps a main thread's handlers
 * apart from other threads'; an import reads files on several). */
static void test_libxml2_reports_only_through_the_reader(void **state)
{
    (void)state;
    Captured main_thread = {0}, other_thread = {0};
    load_capturing_stderr(&main_thread);
    expect_one_report(&main_thread);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, load_capturing_stderr, &other_thread), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    expect_one_report(&other_thread);
}

static void test_sniff(void **state)
{
    (void)state;
    assert_true(ssda903_xml_sniff("<EXPSSDA903/>", 13));
    assert_true(ssda903_xml_sniff("\xEF\xBB\xBF\r\n <?xml version=\"1.0\"?>", 26));
    assert_true(ssda903_xml_sniff("\xFF\xFE<\0?\0", 6));
    assert_false(ssda903_xml_sniff("CHILD,SEX,DOB\n", 14));
    assert_false(ssda903_xml_sniff("", 0));
}

static Ssda903File csv_table(const char *name, const char *text)
{
    Ssda903File f;
    ErrList errs = {0};
    assert_int_equal(ssda903_file_load_buffer(name, text, strlen(text), &f, &errs), 0);
    errlist_free(&errs);
    return f;
}

static void test_written_document_reads_back_the_same(void **state)
{
    (void)state;
    Ssda903File header = csv_table("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                                                 "C1,1,01/01/2008,WBRI,A<B&C>,,\n"
                                                 "C2,2,02/02/2009,AIND,,1,03/03/2025\n");
    Ssda903File episodes =
        csv_table("episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
                                  "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
                                  "C2,01/05/2016,S,C2,N1,U1,PR1,01/06/2016,X1,,DT1 1AA,,\n"
                                  "C1,01/05/2016,S,C2,N1,K2,PR4,,,,,,SC1\n"
                                  "C2,01/06/2016,P,C2,N1,U4,PR1,,,CARPL,,,\n");
    Ssda903File reviews = csv_table("reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                                                   "C2,02/02/2009,01/07/2016,PN1\n");
    Ssda903File uasc = csv_table("uasc.csv", "CHILD,SEX,DOB,DUC\nC1,1,01/01/2008,01/01/2026\n");
    Ssda903File sw = csv_table("sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
                                         "C1,01/01/2008,SW7,01/05/2016,,\n");
    const Ssda903File *tables[T903_COUNT] = {0};
    tables[T903_HEADER] = &header;
    tables[T903_EPISODES] = &episodes;
    tables[T903_REVIEWS] = &reviews;
    tables[T903_UASC] = &uasc;
    tables[T903_SW_EPISODES] = &sw;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    Err err;
    assert_int_equal(ssda903_xml_write(out, tables, &err), 0);
    fclose(out);
    Ssda903FileList l = {0};
    ErrList errs = {0};
    assert_int_equal(ssda903_xml_load_buffer("w.xml", text, len, &l, &errs), 0);
    assert_int_equal(l.n_items, 5);
    for (int t = 0; t < T903_COUNT; t++) {
        if (!tables[t]) continue;
        const Ssda903File *a = tables[t], *b = find(&l, (Ssda903TableId)t);
        assert_non_null(b);
        assert_int_equal(b->n_rows, a->n_rows);
        /* Rows come back child by child: C1's episode before C2's two. */
        for (int row = 0; row < a->n_rows; row++) {
            int from = t == T903_EPISODES ? (int[]){1, 0, 2}[row] : row;
            for (int c = 0; c < a->table->n_columns; c++)
                assert_string_equal(ssda903_cell(b, row, c), ssda903_cell(a, from, c));
        }
    }
    ssda903_file_list_free(&l);
    errlist_free(&errs);
    free(text);
    ssda903_file_free(&header);
    ssda903_file_free(&episodes);
    ssda903_file_free(&reviews);
    ssda903_file_free(&uasc);
    ssda903_file_free(&sw);
}

static void test_writer_refuses_a_row_without_header(void **state)
{
    (void)state;
    Ssda903File header = csv_table("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                                                 "C1,1,01/01/2008,WBRI,,,\n");
    Ssda903File reviews = csv_table("reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                                                   "C1,01/01/2008,01/07/2016,PN1\n"
                                                   "C9,01/01/2008,01/07/2016,PN1\n");
    const Ssda903File *tables[T903_COUNT] = {0};
    tables[T903_HEADER] = &header;
    tables[T903_REVIEWS] = &reviews;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    Err err;
    assert_int_equal(ssda903_xml_write(out, tables, &err), ERR_INPUT);
    fclose(out);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "'C9' has no Header row"));
    free(text);
    ssda903_file_free(&header);
    ssda903_file_free(&reviews);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_every_table_with_places),
        cmocka_unit_test(test_header_may_follow_the_records),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_libxml2_reports_only_through_the_reader),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_written_document_reads_back_the_same),
        cmocka_unit_test(test_writer_refuses_a_row_without_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
