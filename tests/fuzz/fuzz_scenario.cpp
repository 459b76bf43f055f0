// libFuzzer target: a scenario file as a user or a generator might write it.
// parseScenario() (parse + validate) must never crash; a scenario it accepts must validate cleanly,
// plan without overflow, and survive toJson() -> parseScenario() unchanged.

#include "scenario/plan.h"
#include "scenario/scenarioio.h"

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace stampede::scenario;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_scenario: %s\n%s\n", what, detail.constData());
    std::abort();
}

QByteArray errorsText(const QList<ValidationError> &errors)
{
    QByteArray text;
    for (const ValidationError &error : errors)
        text += error.toString().toUtf8() + '\n';
    return text;
}

void checkPlan(const LoadProfile &load)
{
    const Plan plan = makePlan(load);
    if (plan.steps.isEmpty() || plan.steps.first().timeMs != 0 || plan.steps.last().timeMs != plan.totalMs)
        fail("plan does not run from 0 to totalMs");
    for (qsizetype i = 1; i < plan.steps.size(); ++i) {
        if (plan.steps.at(i).timeMs < plan.steps.at(i - 1).timeMs)
            fail("plan steps out of order");
    }
    for (const PlanStep &step : plan.steps) {
        if (!std::isfinite(step.target) || step.target < 0)
            fail("plan target not a finite non-negative number");
    }
    const qint64 probes[] = { 0, plan.totalMs / 3, plan.totalMs / 2, plan.totalMs };
    for (qint64 ms : probes) {
        if (!std::isfinite(plan.targetAt(ms)) || !std::isfinite(plan.expectedArrivals(ms)))
            fail("plan value not finite");
        (void)plan.vusAt(ms);
    }
    (void)plan.peak();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const LoadResult loaded = parseScenario(json);
    if (!loaded.ok())
        return 0;

    if (const QList<ValidationError> again = validate(loaded.scenario); !again.isEmpty())
        fail("parseScenario accepted what validate() rejects", errorsText(again));
    checkPlan(loaded.scenario.load);

    const QByteArray written = toJson(loaded.scenario);
    const LoadResult reread = parseScenario(written);
    if (!reread.ok())
        fail("toJson() wrote a file parseScenario() rejects", errorsText(reread.errors) + written);
    if (toJson(reread.scenario) != written)
        fail("toJson() -> parseScenario() -> toJson() is not stable", written + "\n---\n" + toJson(reread.scenario));
    return 0;
}
