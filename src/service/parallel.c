/* parallel: see parallel.h. */
#include "service/parallel.h"

#include <pthread.h>
#include <stdbool.h>
#include <unistd.h>

int parallel_share_count(const Dataset *ds, int asked)
{
    long n = asked;
    if (n <= 0) n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n > PARALLEL_MAX_SHARES) n = PARALLEL_MAX_SHARES;
    if (n > ds->n_children) n = ds->n_children;
    return n < 1 ? 1 : (int)n;
}

static long child_work(const Child *c)
{
    return 1 + c->n_episodes + c->n_reviews + c->n_records;
}

void parallel_split(const Dataset *ds, int n, Dataset *views)
{
    long total = 0, done = 0;
    for (int i = 0; i < ds->n_children; i++) total += child_work(&ds->children[i]);
    for (int s = 0, first = 0; s < n; s++) {
        int last = first;
        while (last < ds->n_children && (s == n - 1 || done * n < total * (s + 1)))
            done += child_work(&ds->children[last++]);
        views[s] = *ds;
        views[s].children = ds->children + first;
        views[s].n_children = last - first;
        first = last;
    }
}

typedef struct Job {
    void (*fn)(void *);
    void *arg;
} Job;

static void *run_job(void *p)
{
    Job *job = p;
    job->fn(job->arg);
    return NULL;
}

void parallel_run(int n, void (*fn)(void *), void *arg, size_t arg_size)
{
    pthread_t thread[PARALLEL_MAX_SHARES];
    bool started[PARALLEL_MAX_SHARES] = {false};
    Job jobs[PARALLEL_MAX_SHARES];
    if (n > PARALLEL_MAX_SHARES) n = PARALLEL_MAX_SHARES;
    for (int s = 1; s < n; s++) {
        jobs[s] = (Job){fn, (char *)arg + (size_t)s * arg_size};
        started[s] = pthread_create(&thread[s], NULL, run_job, &jobs[s]) == 0;
    }
    if (n > 0) fn(arg);
    for (int s = 1; s < n; s++) {
        if (started[s])
            pthread_join(thread[s], NULL);
        else
            fn(jobs[s].arg);
    }
}
