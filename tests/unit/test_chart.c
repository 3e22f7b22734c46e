/* Unit tests of the chart renderer: each kind of chart in each format, and the
 * multi-page PDF. The files are checked for what a reader's software needs: the
 * PNG signature and size, the SVG's title, the PDF header and page count.
 * Set CAREPLEDGE_CHART_KEEP=DIR to keep the files for a look. */
#include "render/chart.h"

#include <math.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static char dir[256];

static int make_dir(void **state)
{
    (void)state;
    const char *keep = getenv("CAREPLEDGE_CHART_KEEP");
    if (keep && *keep) {
        snprintf(dir, sizeof dir, "%s", keep);
        return 0;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/test_chart.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    const char *keep = getenv("CAREPLEDGE_CHART_KEEP");
    if (keep && *keep) return 0;
    const char *names[] = {"bar.png",   "bar.svg",   "bar.pdf",    "grouped.png",
                           "trend.png", "trend.svg", "trend.pdf",  "pack.pdf",
                           "empty.png", "long.pdf",  "grouped.svg"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    return rmdir(dir);
}

static char *path_of(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* The whole file, NUL-terminated; *len gets its size. Caller frees. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return data;
}

static void check_png(const char *path, unsigned width, unsigned height)
{
    size_t len;
    unsigned char *d = (unsigned char *)slurp(path, &len);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    bool ok = len > 1000 && memcmp(d, sig, 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0;
    if (!ok) free(d);
    assert_true(ok); /* the signature, a header, and something drawn */
    unsigned w = (unsigned)d[16] << 24 | (unsigned)d[17] << 16 | (unsigned)d[18] << 8 | d[19];
    unsigned h = (unsigned)d[20] << 24 | (unsigned)d[21] << 16 | (unsigned)d[22] << 8 | d[23];
    free(d);
    assert_int_equal(w, width);
    assert_int_equal(h, height);
}

/* Where s occurs in the binary data from p to end, or NULL. */
static const char *find(const char *p, const char *end, const char *s)
{
    size_t n = strlen(s);
    for (; p + n <= end; p++)
        if (memcmp(p, s, n) == 0) return p;
    return NULL;
}

/* Pages of a PDF, from the page tree's /Count; the page objects must agree. */
static int pdf_pages(const char *path)
{
    size_t len;
    char *d = slurp(path, &len);
    const char *end = d + len;
    int n = -1, objects = 0;
    const char *pages = find(d, end, "/Type /Pages");
    const char *count = pages ? find(pages, end, "/Count ") : NULL;
    if (count) n = atoi(count + 7);
    for (const char *p = d; (p = find(p, end, "/Type /Page")) != NULL; p += 11)
        if (p[11] != 's') objects++;
    bool header = len > 5 && memcmp(d, "%PDF-", 5) == 0;
    bool trailer = find(d, end, "%%EOF") != NULL;
    free(d);
    assert_true(header);
    assert_true(trailer);
    assert_int_equal(objects, n);
    return n;
}

static const char *const placements[] = {"Foster care", "Children's homes", "Placed for adoption",
                                         "With parents", "Other"};
static const double counts[] = {312, 41, 17, 24, NAN};
static const char *const count_labels[] = {NULL, NULL, NULL, NULL, "c"};

static Chart bar_chart(void)
{
    static ChartSeries series[1];
    series[0] = (ChartSeries){.name = NULL, .values = counts, .labels = count_labels};
    return (Chart){
        .kind = CHART_BAR,
        .title = "Where children in care live, 31 March 2026",
        .x_label = "Placement",
        .y_label = "Children",
        .caption = "Most children in care live with foster carers: 312 of them. The smallest "
                   "group is shown as c because it is too small to publish.",
        .categories = placements,
        .n_categories = 5,
        .series = series,
        .n_series = 1,
        .target = NAN,
    };
}

static const char *const years[] = {"2021/22", "2022/23", "2023/24", "2024/25", "2025/26"};
static const double dorset[] = {68, 71, NAN, 74, 77};
static const double england[] = {70, 70, 71, 71, 72};
static const char *const dorset_labels[] = {NULL, NULL, "c", NULL, NULL};

static Chart trend_chart(void)
{
    static ChartSeries series[2];
    series[0] = (ChartSeries){.name = "Dorset", .values = dorset, .labels = dorset_labels};
    series[1] = (ChartSeries){.name = "England", .values = england};
    return (Chart){
        .kind = CHART_LINE,
        .title = "Children in the same placement for two years or more",
        .x_label = "Year (to 31 March)",
        .y_label = "Per cent",
        .caption = "More children now stay in one home for two years or more: 77% this year, "
                   "up from 68% four years ago, and above the target of 75%.",
        .categories = years,
        .n_categories = 5,
        .series = series,
        .n_series = 2,
        .unit = "%",
        .y_max = 100,
        .target = 75,
    };
}

static void test_bar_chart_in_each_format(void **state)
{
    (void)state;
    Chart c = bar_chart();
    Err err;
    assert_int_equal(chart_write(&c, CHART_PNG, path_of("bar.png"), &err), 0);
    check_png(path_of("bar.png"), 900, 560);
    assert_int_equal(chart_write(&c, CHART_SVG, path_of("bar.svg"), &err), 0);
    size_t len;
    char *svg = slurp(path_of("bar.svg"), &len);
    bool ok = strstr(svg, "<svg") &&
              strstr(svg, "<title>Where children in care live, 31 March 2026</title>") &&
              strstr(svg, "<desc>Most children in care live with foster carers");
    free(svg);
    assert_true(ok);
    assert_int_equal(chart_write(&c, CHART_PDF, path_of("bar.pdf"), &err), 0);
    assert_int_equal(pdf_pages(path_of("bar.pdf")), 1);
}

static void test_grouped_bars(void **state)
{
    (void)state;
    static const char *const groups[] = {"Under 5", "5 to 9", "10 to 15", "16 and over"};
    static const double disabled[] = {6, 11, 19, 9};
    static const double not_disabled[] = {48, 66, 102, 57};
    ChartSeries series[] = {
        {.name = "Disabled children", .values = disabled},
        {.name = "Other children", .values = not_disabled},
    };
    Chart c = {
        .kind = CHART_BAR,
        .title = "Health assessments on time, by age",
        .y_label = "Children",
        .caption = "Disabled children and other children, by age on 31 March.",
        .categories = groups,
        .n_categories = 4,
        .series = series,
        .n_series = 2,
        .target = NAN,
        .width = 640,
        .height = 400,
    };
    Err err;
    assert_int_equal(chart_write(&c, CHART_PNG, path_of("grouped.png"), &err), 0);
    check_png(path_of("grouped.png"), 640, 400);
    assert_int_equal(chart_write(&c, CHART_SVG, path_of("grouped.svg"), &err), 0);
}

static void test_trend_chart_in_each_format(void **state)
{
    (void)state;
    Chart c = trend_chart();
    Err err;
    assert_int_equal(chart_write(&c, CHART_PNG, path_of("trend.png"), &err), 0);
    check_png(path_of("trend.png"), 900, 560);
    assert_int_equal(chart_write(&c, CHART_SVG, path_of("trend.svg"), &err), 0);
    size_t len;
    char *svg = slurp(path_of("trend.svg"), &len);
    bool ok = strstr(svg, "<title>Children in the same placement for two years or more</title>");
    free(svg);
    assert_true(ok);
    assert_int_equal(chart_write(&c, CHART_PDF, path_of("trend.pdf"), &err), 0);
    assert_int_equal(pdf_pages(path_of("trend.pdf")), 1);
}

static void test_multi_page_pdf(void **state)
{
    (void)state;
    ChartPdf *pdf;
    Err err;
    assert_int_equal(chart_pdf_open(&pdf, path_of("pack.pdf"), "Pledge scorecard", &err), 0);
    Chart charts[] = {trend_chart(), bar_chart()};
    const char *text[] = {
        "Living your life: you have a secure and stable home.",
        "Three in four children have lived in the same home for two years or more.",
    };
    assert_int_equal(chart_pdf_page(pdf, "Living your life", text, 2, charts, 2, &err), 0);
    assert_int_equal(chart_pdf_page(pdf, "Being healthy", text, 1, charts, 1, &err), 0);
    assert_int_equal(chart_pdf_page(pdf, "Moving on", NULL, 0, NULL, 0, &err), 0);
    assert_int_equal(chart_pdf_page_count(pdf), 3);
    assert_int_equal(chart_pdf_close(pdf, &err), 0);
    assert_int_equal(pdf_pages(path_of("pack.pdf")), 3);
}

static void test_long_page_continues(void **state)
{
    (void)state;
    ChartPdf *pdf;
    Err err;
    assert_int_equal(chart_pdf_open(&pdf, path_of("long.pdf"), NULL, &err), 0);
    Chart charts[] = {trend_chart(), bar_chart(), trend_chart(), bar_chart()};
    assert_int_equal(chart_pdf_page(pdf, "Staying safe", NULL, 0, charts, 4, &err), 0);
    int pages = chart_pdf_page_count(pdf);
    assert_true(pages >= 2);
    assert_int_equal(chart_pdf_close(pdf, &err), 0);
    assert_int_equal(pdf_pages(path_of("long.pdf")), pages);
}

static void test_errors(void **state)
{
    (void)state;
    Chart c = bar_chart();
    c.n_categories = 0;
    Err err;
    assert_int_equal(chart_write(&c, CHART_PNG, path_of("empty.png"), &err), ERR_INPUT);
    c = bar_chart();
    assert_int_equal(chart_write(&c, CHART_PNG, "/nonexistent/dir/x.png", &err), ERR_IO);
    ChartFormat f;
    assert_int_equal(chart_format_from_path("a/b.svg", &f, &err), 0);
    assert_int_equal(f, CHART_SVG);
    assert_int_equal(chart_format_from_path("a/b.jpeg", &f, &err), ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bar_chart_in_each_format),   cmocka_unit_test(test_grouped_bars),
        cmocka_unit_test(test_trend_chart_in_each_format), cmocka_unit_test(test_multi_page_pdf),
        cmocka_unit_test(test_long_page_continues),        cmocka_unit_test(test_errors),
    };
    int failed = cmocka_run_group_tests(tests, make_dir, remove_dir);
    chart_free_caches(); /* so that the sanitizer build sees only real leaks */
    return failed;
}
