/* synth_history: plausible care histories for one synthetic child.
 *
 * A period of care is planned as two timelines — legal status changes and
 * placement moves — and then cut into 903 episodes wherever either changes
 * (RNE L, P, T, U or B; REC X1 and REASON_PLACE_CHANGE on the episode that
 * closes). The legal path is a small Markov chain over the 903 legal statuses
 * (police protection, remand, s20 accommodation, interim and full care orders,
 * placement orders) ending in one of the 903 reasons for leaving care.
 * Placements are drawn by age, legal status and disability. A plan may force
 * the kind of placement held on one date; that is how the profile cohort is
 * built to its targets (synth_dorset.c).
 *
 * Records are appended to the SynthWorld; nothing here writes files. */
#ifndef CAREPLEDGE_SYNTH_HISTORY_H
#define CAREPLEDGE_SYNTH_HISTORY_H

#include "synth/synth_model.h"

typedef enum SynthPlaceKind {
    SPK_ANY,
    SPK_FOSTER,      /* U1-U6 */
    SPK_RESIDENTIAL, /* K1, K2, R1, S1 (and R5 on remand) */
    SPK_PARENTS,     /* P1, only under C1/C2 */
    SPK_SUPPORTED,   /* H5 up to 2024/25, K3 from 2025/26 */
    SPK_ADOPTION,    /* A5/A6 */
} SynthPlaceKind;

enum { SYNTH_MAX_LS = 12, SYNTH_MAX_PL = 40 };

typedef struct SynthLsStep {
    Date at;
    uint8_t ls;
} SynthLsStep;

typedef struct SynthPlStep {
    Date at;
    uint8_t place, provider, rpc;
    bool same_carer; /* the move keeps the carers (RNE T or U) */
    uint32_t pl_post, urn;
} SynthPlStep;

typedef struct SynthPeriod {
    Date start, end; /* end exclusive, always a real date */
    uint8_t rec, cin;
    int n_ls;
    SynthLsStep ls[SYNTH_MAX_LS]; /* ls[0].at == start, strictly increasing */
    int n_pl;
    SynthPlStep pl[SYNTH_MAX_PL];
    Date adopt_at;             /* placed for adoption on this date, or DATE_NONE */
    Date force_at;             /* DATE_NONE, or a date whose placement must be ... */
    SynthPlaceKind force_kind; /* ... of this kind */
} SynthPeriod;

typedef struct SynthGen {
    SynthWorld *w;
    SynthChild *c;
    SynthRng rng;
} SynthGen;

/* Starts child c (already in w->children) with its own random stream: its
 * records will be appended after everything already in w. */
void synth_gen_begin(SynthGen *g, SynthWorld *w, SynthChild *c, uint64_t stream);
/* Drops every record of the child appended so far (keeps the stream going). */
void synth_gen_reset(SynthGen *g);

typedef enum SynthEthnicMode {
    SYNTH_ETHNIC_RANDOM, /* White British about 87% */
    SYNTH_ETHNIC_WHITE_BRITISH,
    SYNTH_ETHNIC_MINORITY, /* any recorded code other than WBRI */
    SYNTH_ETHNIC_UASC,     /* a minority code typical of asylum-seeking children */
} SynthEthnicMode;
/* Sets sex, ethnicity, home postcode, UPN and the child's record seed; c->dob
 * must be set first. */
void synth_gen_identity(SynthGen *g, SynthEthnicMode mode);
/* A category of need for a period: N2 when disabled, N8 for UASC, else mostly N1. */
uint8_t synth_gen_cin(SynthGen *g);
/* A date of birth on which the child is exactly `age` on date `on`. */
Date synth_gen_dob_for_age(SynthGen *g, Date on, int age);

void synth_period_init(SynthPeriod *p, Date start, uint8_t ls, uint8_t cin);
/* Appends a legal status change; at must be after the last one. */
void synth_period_add_ls(SynthPeriod *p, Date at, uint8_t ls);
/* Legal status on date d within the period. */
uint8_t synth_period_ls_on(const SynthPeriod *p, Date d);
/* Continues the legal path from date t (the current status is the last step)
 * until the period ends, and sets end, rec and adopt_at. Ends by the 18th
 * birthday at the latest. */
void synth_legal_continue(SynthGen *g, SynthPeriod *p, Date t);
/* Draws the placement timeline (honouring adopt_at and force_at) and makes
 * REC agree with the last placement (E17 only from foster care, SGO codes by
 * carer). */
void synth_plan_placements(SynthGen *g, SynthPeriod *p);
/* Cuts the plan into episodes appended to the child. */
void synth_emit_period(SynthGen *g, const SynthPeriod *p);
/* One short-break episode (V3 or V4) from start to end. */
void synth_emit_short_break(SynthGen *g, Date start, Date end, uint8_t ls, uint8_t place,
                            uint8_t cin, uint8_t rec);
/* A reason for leaving care on the 18th birthday (E17, E5, E6, E8, ...). */
uint8_t synth_leave_at_18(SynthGen *g);

/* What the child's episodes say about leaving care (full-time care only). */
typedef struct SynthLeaving {
    bool any_full_time;
    long days_since_14;   /* days looked after full time from the 14th birthday */
    bool after_16;        /* looked after full time on or after the 16th birthday */
    Date left;            /* end of the last full-time episode */
    uint8_t last_rec;     /* its REC */
    bool former_relevant; /* >= 13 weeks since 14, some after 16, not adopted/died/moved LA */
} SynthLeaving;
SynthLeaving synth_child_leaving(const SynthGen *g);

/* Derives motherhood and the OC3 records (ages 17 to 21, and 22 to 24 while
 * in education or training) from the episodes. */
void synth_finish_child(SynthGen *g);
/* Whether the child has a record inside the years written. */
bool synth_child_visible(const SynthGen *g);

/* A random child: full-time care (85%) or short breaks (15%), entering care
 * at any time in the 18 years before the first year written or during the
 * years written, drawn again until the child is visible in the output and
 * accept (when not NULL) agrees. */
typedef struct SynthAcceptor {
    bool (*accept)(const SynthGen *g, void *ctx);
    void *ctx;
    Date fallback_before; /* a last-resort child leaves care before this date */
    /* First entry to care in [entry_from, entry_to]; DATE_NONE for the default
     * (from 18 years, 14 for short breaks, before the first year written to
     * the last day written). */
    Date entry_from, entry_to;
} SynthAcceptor;
void synth_random_child(SynthGen *g, const SynthAcceptor *acceptor);

#endif
