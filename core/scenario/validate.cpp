// validate(): semantic checks on an in-memory scenario. Every error names the JSON path that the
// file (or the GUI field bound to it) uses, so the same messages serve both.

#include "scenario/duration.h"
#include "scenario/jsonfields.h"
#include "scenario/naming.h"
#include "scenario/promptsource.h"
#include "scenario/scenarioio.h"
#include "scenario/sections.h"

#include "model/suggestion.h"
#include "model/threshold.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace stampede::scenario {

using namespace detail;

namespace {

constexpr int kMaxTokensLimit = 1000000;
constexpr int kMaxInFlightLimit = 100000;
constexpr qint64 kMaxRunMs = 31LL * 24 * 3600 * 1000;
constexpr qint64 kMaxPauseMs = 3600LL * 1000;

/// 1000000 -> "1000000" (QString::arg would say "1e+06").
QString num(double value)
{
    return QString::number(value, 'g', 15);
}

/// Collects errors; the small helpers keep each rule on one line.
class Checker
{
public:
    Errors errors;

    void fail(const QString &path, const QString &message) { errors.append({ path, message }); }
    void require(bool ok, const QString &path, const QString &message)
    {
        if (!ok)
            fail(path, message);
    }
    /// min <= value <= max, written so that NaN fails.
    void range(double value, double min, double max, const QString &path)
    {
        require(value >= min && value <= max, path,
            QStringLiteral("must be between %1 and %2, got %3").arg(num(min), num(max), num(value)));
    }
    void atLeast(double value, double min, const QString &path)
    {
        require(value >= min, path, QStringLiteral("must be >= %1, got %2").arg(num(min), num(value)));
    }
    void positive(double value, const QString &path)
    {
        require(value > 0, path, QStringLiteral("must be > 0, got ") + num(value));
    }
    void positiveDuration(qint64 ms, const QString &path)
    {
        require(ms > 0, path, QStringLiteral("must be longer than 0s, got ") + formatDuration(ms));
    }
    void nonNegativeDuration(qint64 ms, const QString &path)
    {
        require(ms >= 0, path, QStringLiteral("must not be negative, got ") + formatDuration(ms));
    }
};

/// `section`: "target" or "direct_target" (which may not be "builtin", and names its own key variable).
void checkBaseUrl(Checker &c, const QString &baseUrl, const QString &section = QStringLiteral("target"))
{
    const QString path = section + QStringLiteral(".base_url");
    if (baseUrl == QLatin1StringView("builtin") && section == QLatin1StringView("target"))
        return;
    const QUrl url(baseUrl, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https"))
        || url.host().isEmpty()) {
        c.fail(path,
            QLatin1Char('"') + baseUrl
                + QStringLiteral("\" is not an http(s) URL; use e.g. \"http://127.0.0.1:8080/v1\" or \"builtin\""));
        return;
    }
    c.require(url.userInfo().isEmpty(), path,
        QStringLiteral("credentials in the URL would be stored in the file; remove them and use %1.api_key_env")
            .arg(section));
    c.require(!url.hasQuery() && !url.hasFragment(), path,
        QStringLiteral("remove the query and fragment; the base URL ends at the API root, e.g. .../v1"));
    // The endpoint's own path pasted in: Stampede appends /chat/completions (and /models) itself.
    QString endpointPath = url.path();
    while (endpointPath.endsWith(QLatin1Char('/')))
        endpointPath.chop(1);
    for (const QLatin1StringView suffix :
        { QLatin1StringView("/chat/completions"), QLatin1StringView("/completions"), QLatin1StringView("/models") }) {
        if (endpointPath.endsWith(suffix, Qt::CaseInsensitive)) {
            endpointPath.chop(suffix.size());
            c.fail(path,
                QStringLiteral("the base URL ends at the API root, e.g. \"%1\": remove \"%2\" (Stampede adds it)")
                    .arg(url.adjusted(QUrl::RemovePath).toString() + endpointPath, suffix));
            return;
        }
    }
}

void checkHeader(
    Checker &c, const QString &name, const QString &value, const QString &section = QStringLiteral("target"))
{
    const QString path = section + QStringLiteral(".headers.") + name;
    if (!isHeaderToken(name)) {
        c.fail(path, QStringLiteral("not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"));
    } else if (name.compare(QLatin1StringView("authorization"), Qt::CaseInsensitive) == 0) {
        c.fail(path,
            QStringLiteral("do not set Authorization here: Stampede sends \"Bearer <key>\" from the environment "
                           "variable named in %1.api_key_env, and keys never go in scenario files")
                .arg(section));
    } else if (isSecretHeaderName(name)) {
        c.fail(path,
            QStringLiteral("this header carries a credential, and credentials never go in scenario files; "
                           "use %1.api_key_env")
                .arg(section));
    } else if (isFramingHeaderName(name)) {
        c.fail(path,
            QStringLiteral("Stampede's HTTP client sets %1 itself (it frames the request or the connection); "
                           "a value here would corrupt the request")
                .arg(name));
    }
    c.require(!value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')), path,
        QStringLiteral("header values cannot contain line breaks"));
    const auto control = std::find_if(value.cbegin(), value.cend(), [](QChar ch) {
        return ch != QLatin1Char('\t') && ch != QLatin1Char('\n') && ch != QLatin1Char('\r')
            && (ch.unicode() < 0x20 || ch.unicode() == 0x7F);
    });
    c.require(control == value.cend(), path,
        QStringLiteral("header values cannot contain control characters (found U+%1)")
            .arg(control == value.cend() ? 0 : control->unicode(), 4, 16, QLatin1Char('0')));
}

void checkTarget(Checker &c, const Target &target)
{
    checkBaseUrl(c, target.baseUrl);
    c.require(isEnvVarName(target.apiKeyEnv), QStringLiteral("target.api_key_env"),
        QLatin1Char('"') + target.apiKeyEnv
            + QStringLiteral("\" is not an environment variable name (letters, digits, _; e.g. STAMPEDE_API_KEY)"));
    c.positiveDuration(target.timeoutMs, QStringLiteral("target.timeout"));
    c.positiveDuration(target.connectTimeoutMs, QStringLiteral("target.connect_timeout"));
    c.require(target.connectTimeoutMs <= target.timeoutMs, QStringLiteral("target.connect_timeout"),
        QStringLiteral("must not exceed target.timeout (") + formatDuration(target.timeoutMs) + QLatin1Char(')'));
    for (auto it = target.headers.cbegin(); it != target.headers.cend(); ++it)
        checkHeader(c, it.key(), it.value());
    checkTargetOptions(target, c.errors);
}

/// direct_target: an http(s) URL other than the gateway's, its own key variable and headers; not
/// with a sweep (a sweep judges the gateway's capacity, a paired run would halve its load).
void checkDirectTarget(Checker &c, const Scenario &scenario)
{
    if (!scenario.directTarget)
        return;
    const DirectTarget &direct = *scenario.directTarget;
    const QString path = QStringLiteral("direct_target.base_url");
    if (direct.baseUrl.trimmed().isEmpty())
        c.fail(path, QStringLiteral("missing; the provider or mock behind the gateway, e.g. http://127.0.0.1:8000/v1"));
    else if (direct.baseUrl == QLatin1StringView("builtin"))
        c.fail(path,
            QStringLiteral("the direct target is the provider or mock behind the gateway: give its http(s) URL "
                           "(\"builtin\" is the simulated gateway itself)"));
    else
        checkBaseUrl(c, direct.baseUrl, QStringLiteral("direct_target"));
    const auto trimmed = [](QString url) {
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        return url;
    };
    c.require(trimmed(direct.baseUrl) != trimmed(scenario.target.baseUrl), path,
        QStringLiteral("is the gateway's own base URL; the direct target is what the gateway forwards to"));
    c.require(direct.apiKeyEnv.isEmpty() || isEnvVarName(direct.apiKeyEnv), QStringLiteral("direct_target.api_key_env"),
        QLatin1Char('"') + direct.apiKeyEnv
            + QStringLiteral("\" is not an environment variable name (letters, digits, _; e.g. OPENAI_API_KEY)"));
    for (auto it = direct.headers.cbegin(); it != direct.headers.cend(); ++it)
        checkHeader(c, it.key(), it.value(), QStringLiteral("direct_target"));
    c.require(scenario.load.executor != ExecutorKind::Sweep, QStringLiteral("direct_target"),
        QStringLiteral("a sweep finds the gateway's capacity and cannot be paired with a direct target; "
                       "run the sweep without direct_target"));
}

void checkModel(Checker &c, const ModelSpec &model, const QString &path)
{
    c.require(!model.model.trimmed().isEmpty(), path + QStringLiteral(".model"),
        QStringLiteral("model name is empty; give the name the gateway expects, e.g. \"gpt-4.1\""));
    c.atLeast(model.weight, 0, path + QStringLiteral(".weight"));
    c.range(model.maxTokens, 1, kMaxTokensLimit, path + QStringLiteral(".max_tokens"));
    c.range(model.temperature, 0, 2, path + QStringLiteral(".temperature"));
    c.atLeast(model.price.inputPerMTok, 0, path + QStringLiteral(".price.input_per_mtok"));
    c.atLeast(model.price.outputPerMTok, 0, path + QStringLiteral(".price.output_per_mtok"));
    if (model.price.cacheReadPerMTok)
        c.atLeast(*model.price.cacheReadPerMTok, 0, path + QStringLiteral(".price.cache_read_per_mtok"));
    if (model.price.cacheWritePerMTok)
        c.atLeast(*model.price.cacheWritePerMTok, 0, path + QStringLiteral(".price.cache_write_per_mtok"));
    checkSlo(model.slo, path + QStringLiteral(".slo"), c.errors);
    checkLimits(model.limits, path + QStringLiteral(".limits"), c.errors);
}

void checkModels(Checker &c, const QList<ModelSpec> &models)
{
    const QString path = QStringLiteral("models");
    if (models.isEmpty()) {
        c.fail(path, QStringLiteral("add at least one model, e.g. {\"model\": \"gpt-4.1\", \"weight\": 1}"));
        return;
    }
    QHash<QString, qsizetype> firstIndex;
    double enabledWeight = 0;
    bool anyEnabled = false;
    for (qsizetype i = 0; i < models.size(); ++i) {
        const ModelSpec &model = models[i];
        checkModel(c, model, indexPath(path, i));
        if (firstIndex.contains(model.model) && !model.model.isEmpty())
            c.fail(indexPath(path, i) + QStringLiteral(".model"),
                QLatin1Char('"') + model.model + QStringLiteral("\" is already listed as models[")
                    + QString::number(firstIndex.value(model.model)) + QStringLiteral("]; merge the two entries"));
        firstIndex.insert(model.model, firstIndex.value(model.model, i));
        anyEnabled = anyEnabled || model.enabled;
        if (model.enabled && model.weight > 0)
            enabledWeight += model.weight;
    }
    if (!anyEnabled)
        c.fail(path, QStringLiteral("no model is enabled; enable at least one"));
    else if (!(enabledWeight > 0))
        c.fail(path, QStringLiteral("the enabled models' weights add up to 0; give at least one a weight > 0"));
}

void checkDistribution(Checker &c, const TokenDistribution &d, const QString &path)
{
    using Kind = TokenDistribution::Kind;
    const double most = kMaxSyntheticTokens;
    if (d.kind == Kind::Fixed || d.kind == Kind::Normal)
        c.require(d.mean >= 1 && d.mean <= most, path + QStringLiteral(".mean"),
            QStringLiteral("must be from 1 to %1 tokens").arg(kMaxSyntheticTokens));
    if (d.kind == Kind::Normal)
        c.require(d.stddev >= 0, path + QStringLiteral(".stddev"), QStringLiteral("must not be negative"));
    if (d.kind == Kind::Uniform)
        c.require(d.min >= 1 && d.max >= d.min && d.max <= most, path + QStringLiteral(".max"),
            QStringLiteral("uniform needs 1 <= min <= max <= %1").arg(kMaxSyntheticTokens));
    if (d.kind == Kind::Histogram) {
        c.require(!d.buckets.isEmpty(), path + QStringLiteral(".buckets"),
            QStringLiteral("give at least one [tokens, weight] bucket"));
        double total = 0;
        for (qsizetype i = 0; i < d.buckets.size(); ++i) {
            c.require(d.buckets[i].first >= 1 && d.buckets[i].first <= kMaxSyntheticTokens && d.buckets[i].second >= 0,
                path + QStringLiteral(".buckets[%1]").arg(i),
                QStringLiteral("tokens from 1 to %1, weight not negative").arg(kMaxSyntheticTokens));
            total += std::max(0.0, d.buckets[i].second);
        }
        if (!d.buckets.isEmpty())
            c.require(total > 0, path + QStringLiteral(".buckets"), QStringLiteral("the weights add up to 0"));
    }
}

void checkSharedPrefix(Checker &c, const Prompts &prompts)
{
    if (!prompts.sharedPrefix)
        return;
    const SharedPrefix &p = *prompts.sharedPrefix;
    c.require(p.count >= 1 && p.count <= kMaxSharedPrefixes, QStringLiteral("prompts.shared_prefix.count"),
        QStringLiteral("must be from 1 to %1").arg(kMaxSharedPrefixes));
    c.require(p.tokens >= 1 && p.tokens <= kMaxSyntheticTokens, QStringLiteral("prompts.shared_prefix.tokens"),
        QStringLiteral("must be from 1 to %1").arg(kMaxSyntheticTokens));
    c.require(p.share >= 0 && p.share <= 1, QStringLiteral("prompts.shared_prefix.share"),
        QStringLiteral("must be from 0 to 1 (the part of requests that start with a shared prefix)"));
    c.require(qint64(p.count) * p.tokens <= kMaxSharedPrefixTokens, QStringLiteral("prompts.shared_prefix"),
        QStringLiteral("count x tokens must be at most %1 (the prefixes are kept in memory)")
            .arg(kMaxSharedPrefixTokens));
}

void checkPrompts(Checker &c, const Prompts &prompts)
{
    checkSharedPrefix(c, prompts);
    c.require(!(prompts.dataset && prompts.synthetic), QStringLiteral("prompts.synthetic"),
        QStringLiteral("a scenario takes its prompts from a dataset or synthetic prompts, not both"));
    if (prompts.dataset) {
        c.require(!prompts.dataset->path.trimmed().isEmpty(), QStringLiteral("prompts.dataset.path"),
            QStringLiteral("give the JSONL file's path"));
        const QString &sha = prompts.dataset->sha256;
        c.require(sha.isEmpty()
                || (sha.size() == 64
                    && std::all_of(sha.cbegin(), sha.cend(),
                        [](QChar ch) { return ch.isDigit() || (ch.toLower() >= u'a' && ch.toLower() <= u'f'); })),
            QStringLiteral("prompts.dataset.sha256"), QStringLiteral("a SHA-256 is 64 hex digits"));
        return; // the pool is not used
    }
    if (prompts.synthetic) {
        c.require(prompts.synthetic->count >= 1 && prompts.synthetic->count <= kMaxSyntheticPrompts,
            QStringLiteral("prompts.synthetic.count"),
            QStringLiteral("must be from 1 to %1").arg(kMaxSyntheticPrompts));
        checkDistribution(c, prompts.synthetic->inputTokens, QStringLiteral("prompts.synthetic.input_tokens"));
        if (prompts.synthetic->outputTokens)
            checkDistribution(c, *prompts.synthetic->outputTokens, QStringLiteral("prompts.synthetic.output_tokens"));
        return;
    }
    const QString path = QStringLiteral("prompts.user");
    c.require(!prompts.user.isEmpty(), path, QStringLiteral("add at least one user prompt"));
    for (qsizetype i = 0; i < prompts.user.size(); ++i)
        c.require(!prompts.user[i].trimmed().isEmpty(), indexPath(path, i), QStringLiteral("the prompt is empty"));
}

void checkStages(Checker &c, const LoadProfile &load, bool wholeTargets)
{
    const QString path = QStringLiteral("load.stages");
    if (load.stages.isEmpty()) {
        c.fail(path, QStringLiteral("add at least one stage, e.g. [{\"duration\": \"30s\", \"target\": 10}]"));
        return;
    }
    qint64 total = 0;
    for (qsizetype i = 0; i < load.stages.size(); ++i) {
        const Stage &stage = load.stages[i];
        c.nonNegativeDuration(stage.durationMs, indexPath(path, i) + QStringLiteral(".duration"));
        c.atLeast(stage.target, 0, indexPath(path, i) + QStringLiteral(".target"));
        if (wholeTargets && stage.target >= 0)
            c.require(std::trunc(stage.target) == stage.target, indexPath(path, i) + QStringLiteral(".target"),
                QStringLiteral("must be a whole number of VUs, got ") + num(stage.target));
        total += qMax<qint64>(0, stage.durationMs);
    }
    c.require(total > 0, path, QStringLiteral("the stages last 0s in total; give at least one a duration"));
}

void checkArrivalRate(Checker &c, const LoadProfile &load)
{
    c.positiveDuration(load.timeUnitMs, QStringLiteral("load.time_unit"));
    c.require(load.timeUnitMs <= kMaxRunMs, QStringLiteral("load.time_unit"),
        QStringLiteral("must be at most ") + formatDuration(kMaxRunMs) + QStringLiteral(", got ")
            + formatDuration(load.timeUnitMs));
    c.range(load.maxInFlight, 1, kMaxInFlightLimit, QStringLiteral("load.max_in_flight"));
}

/// A rate per time_unit that one machine can schedule: at most kMaxRatePerSecond a second.
void checkRateBound(Checker &c, double rate, const LoadProfile &load, const QString &path)
{
    if (!(rate > 0) || load.timeUnitMs <= 0)
        return;
    const double perSecond = rate * 1000.0 / double(load.timeUnitMs);
    c.require(perSecond <= kMaxRatePerSecond, path,
        num(rate) + QStringLiteral(" per ") + formatDuration(load.timeUnitMs) + QStringLiteral(" is ") + num(perSecond)
            + QStringLiteral(" requests/s, more than one machine can send (at most ") + num(kMaxRatePerSecond)
            + QStringLiteral("/s; the measured ceiling is about 32,000/s on two cores); spread the load over "
                             "several machines"));
}

void checkVuBound(Checker &c, double vus, const QString &path)
{
    c.require(!(vus > kMaxVus), path,
        num(vus) + QStringLiteral(" VUs are more than one machine can run (at most ") + num(kMaxVus)
            + QStringLiteral(": each VU holds a connection and its buffers); spread the load over several machines"));
}

void checkLoadBounds(Checker &c, const LoadProfile &load)
{
    const bool arrival = load.isOpenModel();
    if (load.executor == ExecutorKind::ConstantVus)
        checkVuBound(c, load.vus, QStringLiteral("load.vus"));
    if (load.executor == ExecutorKind::RampingVus)
        checkVuBound(c, load.startVus, QStringLiteral("load.start_vus"));
    if (load.executor == ExecutorKind::ConstantArrivalRate)
        checkRateBound(c, load.rate, load, QStringLiteral("load.rate"));
    if (load.executor == ExecutorKind::RampingArrivalRate)
        checkRateBound(c, load.startRate, load, QStringLiteral("load.start_rate"));
    qint64 total = 0;
    if (load.executor == ExecutorKind::RampingVus || load.executor == ExecutorKind::RampingArrivalRate) {
        for (qsizetype i = 0; i < load.stages.size(); ++i) {
            const QString path = indexPath(QStringLiteral("load.stages"), i) + QStringLiteral(".target");
            if (arrival)
                checkRateBound(c, load.stages[i].target, load, path);
            else
                checkVuBound(c, load.stages[i].target, path);
            total += std::clamp<qint64>(load.stages[i].durationMs, 0, kMaxRunMs + 1);
        }
    } else if (load.executor == ExecutorKind::Sweep) {
        total = load.sweep.totalMs();
    } else {
        total = load.durationMs;
    }
    const bool staged = load.executor == ExecutorKind::RampingVus || load.executor == ExecutorKind::RampingArrivalRate;
    const QString totalPath = load.executor == ExecutorKind::Sweep ? QStringLiteral("load.step_duration")
        : staged                                                   ? QStringLiteral("load.stages")
                                                                   : QStringLiteral("load.duration");
    c.require(total <= kMaxRunMs, totalPath,
        QStringLiteral("the run lasts ") + formatDuration(total) + QStringLiteral(", longer than the most (")
            + formatDuration(kMaxRunMs) + QStringLiteral(")"));
    c.require(load.gracefulStopMs <= kMaxPauseMs, QStringLiteral("load.graceful_stop"),
        QStringLiteral("must be at most ") + formatDuration(kMaxPauseMs) + QStringLiteral(", got ")
            + formatDuration(load.gracefulStopMs));
    if (!arrival)
        c.require(load.thinkTimeMaxMs <= kMaxPauseMs, QStringLiteral("load.think_time.max"),
            QStringLiteral("must be at most ") + formatDuration(kMaxPauseMs) + QStringLiteral(", got ")
                + formatDuration(load.thinkTimeMaxMs));
}

void checkLoad(Checker &c, const LoadProfile &load)
{
    switch (load.executor) {
    case ExecutorKind::ConstantVus:
        c.atLeast(load.vus, 1, QStringLiteral("load.vus"));
        c.positiveDuration(load.durationMs, QStringLiteral("load.duration"));
        break;
    case ExecutorKind::RampingVus:
        c.atLeast(load.startVus, 0, QStringLiteral("load.start_vus"));
        checkStages(c, load, true);
        break;
    case ExecutorKind::ConstantArrivalRate:
        c.positive(load.rate, QStringLiteral("load.rate"));
        c.positiveDuration(load.durationMs, QStringLiteral("load.duration"));
        checkArrivalRate(c, load);
        break;
    case ExecutorKind::RampingArrivalRate:
        c.atLeast(load.startRate, 0, QStringLiteral("load.start_rate"));
        checkStages(c, load, false);
        checkArrivalRate(c, load);
        break;
    case ExecutorKind::Sweep:
        checkSweep(load.sweep, { kMaxRatePerSecond, kMaxVus }, c.errors);
        if (!load.sweep.isVus())
            c.range(load.maxInFlight, 1, kMaxInFlightLimit, QStringLiteral("load.max_in_flight"));
        break;
    }
    if (!load.isOpenModel()) {
        c.nonNegativeDuration(load.thinkTimeMinMs, QStringLiteral("load.think_time.min"));
        c.require(load.thinkTimeMinMs <= load.thinkTimeMaxMs, QStringLiteral("load.think_time"),
            QStringLiteral("min (") + formatDuration(load.thinkTimeMinMs) + QStringLiteral(") is greater than max (")
                + formatDuration(load.thinkTimeMaxMs) + QLatin1Char(')'));
    }
    c.nonNegativeDuration(load.gracefulStopMs, QStringLiteral("load.graceful_stop"));
    checkLoadBounds(c, load);
}

void checkRetry(Checker &c, const RetryPolicy &retry)
{
    c.range(retry.maxRetries, 0, 100, QStringLiteral("retry.max_retries"));
    c.nonNegativeDuration(retry.baseDelayMs, QStringLiteral("retry.base_delay"));
    c.require(retry.baseDelayMs <= retry.maxDelayMs, QStringLiteral("retry.max_delay"),
        QStringLiteral("must be at least retry.base_delay (") + formatDuration(retry.baseDelayMs) + QLatin1Char(')'));
    for (qsizetype i = 0; i < retry.onStatus.size(); ++i)
        c.range(retry.onStatus[i], 100, 599, indexPath(QStringLiteral("retry.on_status"), i));
}

/// goodput and slo_attainment exist only for requests judged by an SLO: the key's model's, or any model's.
std::optional<QString> missingSloError(const Scenario &scenario, const model::MetricKey &key)
{
    if (!model::needsSlo(key.metric))
        return std::nullopt;
    const QString hint = QStringLiteral(", e.g. \"slo\": {\"ttft\": \"<500ms\"}");
    if (key.model.isEmpty()) {
        if (scenario.declaresSlo())
            return std::nullopt;
        return key.metric + QStringLiteral(" needs an SLO: declare \"slo\" at the top level or in a model") + hint;
    }
    for (const ModelSpec &model : scenario.models) {
        if (model.model == key.model && !scenario.sloFor(model).isEmpty())
            return std::nullopt;
    }
    return key.metric + QStringLiteral(" needs an SLO: no \"slo\" applies to model \"") + key.model
        + QStringLiteral("\"; declare it at the top level or in the model") + hint;
}

void checkThresholds(Checker &c, const Scenario &scenario, const QStringList &modelNames)
{
    for (const ThresholdSet &set : scenario.thresholds) {
        const QString path = memberPath(QStringLiteral("thresholds"), set.metricKey);
        QString error;
        const std::optional<model::MetricKey> key = model::parseMetricKey(set.metricKey, &error, &modelNames);
        if (!key) {
            c.fail(path, error);
            continue;
        }
        if (const std::optional<QString> missing = missingSloError(scenario, *key))
            c.fail(path, *missing);
        c.require(!set.rules.isEmpty(), path, QStringLiteral("add at least one expression, e.g. [\"p(95)<2000\"]"));
        for (qsizetype i = 0; i < set.rules.size(); ++i) {
            const ThresholdRule &rule = set.rules[i];
            if (!model::parseThreshold(set.metricKey, rule.expression, &error, &modelNames))
                c.fail(indexPath(path, i), error);
            c.nonNegativeDuration(rule.delayAbortEvalMs, indexPath(path, i) + QStringLiteral(".delayAbortEval"));
        }
    }
}

std::optional<QString> checkNameError(const QString &name)
{
    static const QStringList fixed = { QStringLiteral("status_200"), QStringLiteral("has_choices"),
        QStringLiteral("has_usage"), QStringLiteral("has_content") };
    const QLatin1StringView under("under_");
    if (fixed.contains(name))
        return std::nullopt;
    if (name.startsWith(under)) {
        const std::optional<qint64> ms = parseDuration(name.mid(under.size()));
        if (ms && *ms > 0)
            return std::nullopt;
        return QLatin1Char('"') + name
            + QStringLiteral("\" needs a duration longer than 0s after under_, e.g. under_5s");
    }
    return QStringLiteral("unknown check \"") + name + QLatin1Char('"') + model::suggestionSuffix(name, fixed)
        + QStringLiteral(" (checks: ") + fixed.join(QStringLiteral(", ")) + QStringLiteral(", under_<duration>)");
}

void checkChecks(Checker &c, const QStringList &checks)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < checks.size(); ++i) {
        const QString path = indexPath(QStringLiteral("checks"), i);
        if (const std::optional<QString> error = checkNameError(checks[i]))
            c.fail(path, *error);
        else if (seen.contains(checks[i]))
            c.fail(path, QLatin1Char('"') + checks[i] + QStringLiteral("\" is listed twice"));
        seen.insert(checks[i]);
    }
}

/// capture_headers: header-name patterns (RFC 9110 token characters, '*' and '?' as wildcards).
void checkCaptureHeaders(const std::optional<QStringList> &patterns, Errors &errors)
{
    constexpr qsizetype kMaxPatterns = 64;
    if (!patterns)
        return;
    if (patterns->size() > kMaxPatterns)
        errors.append({ QStringLiteral("capture_headers"),
            QStringLiteral("%1 patterns; at most %2 (use '*' to cover a family, e.g. \"x-ratelimit-*\")")
                .arg(patterns->size())
                .arg(kMaxPatterns) });
    static const QString punct = QStringLiteral("!#$%&'*+-.^_`|~?");
    for (qsizetype i = 0; i < patterns->size() && i < kMaxPatterns; ++i) {
        const QString &p = patterns->at(i);
        const QString path = QStringLiteral("capture_headers[%1]").arg(i);
        const auto bad = std::find_if(p.cbegin(), p.cend(),
            [](QChar ch) { return ch.unicode() > 127 || !(ch.isLetterOrNumber() || punct.contains(ch)); });
        if (p.isEmpty())
            errors.append(
                { path, QStringLiteral("is empty; name a header, e.g. \"x-request-id\" or \"x-ratelimit-*\"") });
        else if (p.size() > 128)
            errors.append(
                { path, QStringLiteral("is %1 characters; a header name pattern has at most 128").arg(p.size()) });
        else if (bad != p.cend())
            errors.append({ path,
                QStringLiteral("\"%1\" is not a header name pattern: '%2' is not allowed (letters, digits, "
                               "!#$%&'+-.^_`|~ and the wildcards * and ?)")
                    .arg(p, QString(*bad)) });
    }
}

void checkTools(Checker &c, const Scenario &scenario)
{
    if (!scenario.tools)
        return;
    const Tools &tools = *scenario.tools;
    c.require(!tools.functions.isEmpty() && tools.functions.size() <= kMaxToolFunctions,
        QStringLiteral("tools.functions"), QStringLiteral("must list 1 to %1 functions").arg(kMaxToolFunctions));
    static const QRegularExpression kName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    QStringList names;
    qsizetype schemaBytes = 0;
    for (qsizetype i = 0; i < tools.functions.size(); ++i) {
        const ToolFunction &f = tools.functions[i];
        const QString path = QStringLiteral("tools.functions[%1].name").arg(i);
        c.require(kName.match(f.name).hasMatch(), path,
            QStringLiteral("must be 1-64 letters, digits, _ or - (the rule every protocol shares), not \"%1\"")
                .arg(f.name.left(80)));
        c.require(!names.contains(f.name), path, QStringLiteral("\"%1\" is declared twice").arg(f.name));
        names << f.name;
        schemaBytes += f.parameters.size() + f.description.size();
    }
    c.require(schemaBytes <= kMaxToolSchemaBytes, QStringLiteral("tools.functions"),
        QStringLiteral("descriptions and parameters come to %1 KiB; at most %2 KiB go with every request")
            .arg(schemaBytes / 1024)
            .arg(kMaxToolSchemaBytes / 1024));
    c.require(tools.choice == u"auto" || tools.choice == u"required" || tools.choice == u"none"
            || names.contains(tools.choice),
        QStringLiteral("tools.choice"),
        QStringLiteral("must be auto, required, none or a declared function's name, not \"%1\"")
            .arg(tools.choice.left(80)));
    c.require(!scenario.conversation, QStringLiteral("tools"),
        QStringLiteral("cannot go with conversation yet: a conversation would have to answer each tool call with its "
                       "result; run tools without conversation"));
}

void checkConversation(Checker &c, const Scenario &scenario)
{
    if (!scenario.conversation)
        return;
    const Conversation &conv = *scenario.conversation;
    c.require(conv.turns >= 1 && conv.turns <= kMaxConversationTurns, QStringLiteral("conversation.turns"),
        QStringLiteral("must be from 1 to %1").arg(kMaxConversationTurns));
    if (conv.maxContextTokens)
        c.require(*conv.maxContextTokens >= 1 && *conv.maxContextTokens <= kMaxContextTokens,
            QStringLiteral("conversation.max_context_tokens"),
            QStringLiteral("must be from 1 to %1").arg(kMaxContextTokens));
    c.require(!scenario.directTarget, QStringLiteral("conversation"),
        QStringLiteral("a paired run sends the same request to the gateway and the direct target; run "
                       "conversations without direct_target"));
}

} // namespace

QList<ValidationError> validate(const Scenario &scenario)
{
    Checker c;
    c.require(scenario.version == 1, QStringLiteral("version"),
        QStringLiteral("unsupported version %1; this Stampede reads version 1").arg(scenario.version));
    checkTarget(c, scenario.target);
    checkModels(c, scenario.models);
    checkPrompts(c, scenario.prompts);
    checkLoad(c, scenario.load);
    checkRetry(c, scenario.retry);
    checkSlo(scenario.slo, QStringLiteral("slo"), c.errors);
    QStringList modelNames;
    for (const ModelSpec &model : scenario.models)
        modelNames.append(model.model);
    modelNames.removeDuplicates();
    checkThresholds(c, scenario, modelNames);
    checkChecks(c, scenario.checks);
    checkLimits(scenario.limits, QStringLiteral("limits"), c.errors);
    checkBudget(scenario.budgetUsd, c.errors);
    checkCaptureHeaders(scenario.captureHeaders, c.errors);
    checkServerMetrics(scenario.serverMetrics, c.errors);
    checkDirectTarget(c, scenario);
    checkConversation(c, scenario);
    checkTools(c, scenario);
    return c.errors;
}

} // namespace stampede::scenario
