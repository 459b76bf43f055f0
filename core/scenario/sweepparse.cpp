// "load" of the "sweep" executor: read, written and checked here, so the whole life of the sweep's
// keys in a scenario file is in one place (model/sweep.h; docs/metrics.md, "Capacity: the sweep").

#include "scenario/duration.h"
#include "scenario/sections.h"

namespace stampede::scenario::detail {

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

void readStopWhen(const ObjectReader &load, model::SweepStop &stop)
{
    const Json *value = load.find("stop_when");
    if (!value)
        return;
    const ObjectReader reader(*value, load.pathOf("stop_when"), load.errors());
    reader.rejectUnknownKeys({ "slo", "slo_percentile", "thresholds", "error_rate", "achieved_below" });
    reader.read("slo", stop.slo);
    reader.read("slo_percentile", stop.sloPercentile);
    reader.read("thresholds", stop.thresholds);
    reader.read("error_rate", stop.errorRate);
    reader.read("achieved_below", stop.achievedBelow);
}

Json stopWhenJson(const model::SweepStop &stop)
{
    return Json { { "slo", stop.slo }, { "slo_percentile", numberToJson(stop.sloPercentile) },
        { "thresholds", stop.thresholds }, { "error_rate", numberToJson(stop.errorRate) },
        { "achieved_below", numberToJson(stop.achievedBelow) } };
}

/// min <= value <= max (NaN fails), else an error at `path`.
void inRange(double value, double min, double max, const QString &path, const QString &why, Errors &errors)
{
    if (!(value >= min && value <= max))
        errors.append({ path,
            QStringLiteral("must be between %1 and %2, got %3").arg(number(min), number(max), number(value)) + why });
}

void checkGrowth(const model::Sweep &sweep, Errors &errors)
{
    if (sweep.increment != 0) {
        if (!(sweep.increment > 0))
            errors.append({ QStringLiteral("load.increment"),
                QStringLiteral("must be > 0 requests/s (the rate must grow from step to step), got ")
                    + number(sweep.increment) });
        return;
    }
    if (!(sweep.factor > 1) || !(sweep.factor <= 100))
        errors.append({ QStringLiteral("load.factor"),
            QStringLiteral("must be greater than 1 (each step's rate is the last one's times it) and at most 100, got ")
                + number(sweep.factor) });
}

void checkStop(const model::SweepStop &stop, Errors &errors)
{
    const QString path = QStringLiteral("load.stop_when.");
    inRange(stop.sloPercentile, 1, 100, path + QStringLiteral("slo_percentile"), QString(), errors);
    inRange(stop.errorRate, 0, 1, path + QStringLiteral("error_rate"),
        QStringLiteral(" (a share of the step's requests: 0.05 is 5 %; 1 turns it off)"), errors);
    inRange(stop.achievedBelow, 0, 1, path + QStringLiteral("achieved_below"),
        QStringLiteral(" (a share of the offered rate: 0.10 is 10 %; 0 turns it off)"), errors);
}

} // namespace

void readSweep(const ObjectReader &load, model::Sweep &sweep)
{
    load.read("start_rate", sweep.startRate);
    load.read("factor", sweep.factor);
    load.read("increment", sweep.increment);
    qint64 stepMs = sweep.stepDurationMs;
    load.readDuration("step_duration", stepMs);
    sweep.stepDurationMs = stepMs;
    load.read("max_steps", sweep.maxSteps);
    if (const Json *value = load.find("max_rate"); value && !value->is_null()) {
        double rate = 0;
        if (readNumber(*value, load.pathOf("max_rate"), load.errors(), rate))
            sweep.maxRate = rate;
    }
    readStopWhen(load, sweep.stopWhen);
    load.read("stop_at_knee", sweep.stopAtKnee);
}

Json sweepValue(std::string_view key, const model::Sweep &sweep)
{
    if (key == "start_rate")
        return numberToJson(sweep.startRate);
    if (key == "factor")
        return sweep.increment > 0 ? Json() : numberToJson(sweep.factor);
    if (key == "increment")
        return sweep.increment > 0 ? numberToJson(sweep.increment) : Json();
    if (key == "step_duration")
        return formatDuration(sweep.stepDurationMs).toStdString();
    if (key == "max_steps")
        return sweep.maxSteps;
    if (key == "max_rate")
        return sweep.maxRate ? numberToJson(*sweep.maxRate) : Json();
    if (key == "stop_when")
        return stopWhenJson(sweep.stopWhen);
    if (key == "stop_at_knee")
        return sweep.stopAtKnee;
    return Json();
}

void checkSweep(const model::Sweep &sweep, double maxRatePerSecond, Errors &errors)
{
    if (!(sweep.startRate > 0) || !(sweep.startRate <= maxRatePerSecond))
        errors.append({ QStringLiteral("load.start_rate"),
            QStringLiteral("must be > 0 and at most %1 requests/s, got %2")
                .arg(number(maxRatePerSecond), number(sweep.startRate)) });
    checkGrowth(sweep, errors);
    if (sweep.stepDurationMs < 1000 || sweep.stepDurationMs > 3600 * 1000)
        errors.append({ QStringLiteral("load.step_duration"),
            QStringLiteral("must be between 1s and 1h (a step's percentiles need requests to stand on), got ")
                + formatDuration(sweep.stepDurationMs) });
    if (sweep.maxSteps < 1 || sweep.maxSteps > 100)
        errors.append({ QStringLiteral("load.max_steps"),
            QStringLiteral("must be between 1 and 100, got ") + QString::number(sweep.maxSteps) });
    if (sweep.maxRate && (!(*sweep.maxRate >= sweep.startRate) || !(*sweep.maxRate <= maxRatePerSecond)))
        errors.append({ QStringLiteral("load.max_rate"),
            QStringLiteral("must be at least start_rate (%1) and at most %2 requests/s, got %3")
                .arg(number(sweep.startRate), number(maxRatePerSecond), number(*sweep.maxRate)) });
    for (double rate : sweep.rates()) {
        if (rate > maxRatePerSecond) {
            errors.append({ QStringLiteral("load.max_steps"),
                QStringLiteral("the sweep would reach %1 requests/s, more than one machine can send (at most %2); "
                               "set max_rate or fewer max_steps")
                    .arg(number(rate), number(maxRatePerSecond)) });
            break;
        }
    }
    checkStop(sweep.stopWhen, errors);
}

} // namespace stampede::scenario::detail
