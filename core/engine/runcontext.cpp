#include "engine/runcontext.h"

#include "protocol/chat.h"
#include "protocol/streamevents.h"
#include "scenario/duration.h"
#include "scenario/promptsource.h"

#include <algorithm>
#include <cmath>

namespace stampede::engine {

QList<CheckSpec> resolveChecks(const QStringList &names)
{
    QList<CheckSpec> out;
    for (const QString &name : names) {
        CheckSpec spec;
        if (name == QLatin1StringView("status_200"))
            spec.kind = CheckSpec::Kind::Status200;
        else if (name == QLatin1StringView("has_choices"))
            spec.kind = CheckSpec::Kind::HasChoices;
        else if (name == QLatin1StringView("has_usage"))
            spec.kind = CheckSpec::Kind::HasUsage;
        else if (name == QLatin1StringView("has_content"))
            spec.kind = CheckSpec::Kind::HasContent;
        else if (name.startsWith(QLatin1StringView("under_"))) {
            spec.kind = CheckSpec::Kind::Under;
            spec.underNs = scenario::parseDuration(name.mid(6)).value_or(0) * 1000000;
        }
        out.append(spec);
    }
    return out;
}

namespace {
QStringList toolNamesOf(const scenario::Scenario &scenario)
{
    QStringList names;
    if (scenario.tools)
        for (const scenario::ToolFunction &f : scenario.tools->functions)
            names << f.name;
    return names;
}

/// The prompts a run sends: those loaded from a dataset or built synthetically, else the pool.
std::shared_ptr<const QList<scenario::PromptItem>> promptItems(const scenario::Prompts &prompts)
{
    if (prompts.loaded && !prompts.loaded->isEmpty())
        return prompts.loaded;
    auto pool = std::make_shared<QList<scenario::PromptItem>>();
    for (const QString &user : prompts.user) {
        scenario::PromptItem item;
        item.user = user;
        pool->append(item);
    }
    if (pool->isEmpty())
        pool->append({ QStringLiteral("Hello"), {}, 0, 0 });
    return pool;
}

/// Above this many model x prompt bodies, bodies are built per request instead of kept.
constexpr qsizetype kMaxPrebuiltBodies = 4096;
} // namespace

void declareTools(const scenario::Scenario &scenario, protocol::ChatRequestSpec &spec)
{
    if (!scenario.tools)
        return;
    for (const scenario::ToolFunction &f : scenario.tools->functions)
        spec.tools.append({ f.name, f.description, f.parameters });
    spec.toolChoice = scenario.tools->choice;
}

RunContext::RunContext(const scenario::Scenario &sc, const Endpoint &ep, const Endpoint &direct)
    : endpoint(ep)
    , directEndpoint(direct)
    , scenario(sc)
    , models(sc.enabledModels())
    , checks(resolveChecks(sc.checks))
    , toolNames(toolNamesOf(sc))
    , capturePatterns(sc.captureHeaderPatterns())
    , m_paired(sc.directTarget.has_value())
    , m_pairSalt(sc.seed.value_or(QRandomGenerator::system()->generate64()))
    , m_items(promptItems(sc.prompts))
    , m_promptCount(int(m_items->size()))
    , m_sequentialPrompts(sc.prompts.dataset && !sc.prompts.dataset->random)
    , m_usageDisabled(new std::atomic<bool>[std::max<qsizetype>(1, models.size())])
{
    if (sc.load.executor == scenario::ExecutorKind::Sweep && sc.load.sweep.isVus()) {
        m_vuSweepSteps = int(sc.load.sweep.levels().size());
        m_vuStarts.reset(new std::atomic<std::int64_t>[std::size_t(std::max(1, m_vuSweepSteps))]);
        for (int i = 0; i < std::max(1, m_vuSweepSteps); ++i)
            m_vuStarts[std::size_t(i)] = 0;
    }
    const bool prebuild = qsizetype(models.size()) * m_promptCount <= kMaxPrebuiltBodies;
    double total = 0;
    for (qsizetype m = 0; m < models.size(); ++m) {
        m_usageDisabled[m] = false;
        total += models[m].weight;
        m_cumulativeWeights.push_back(total);
        protocol::ChatRequestSpec first;
        first.model = models[m].model;
        first.stream = models[m].stream;
        const QString path = protocol::buildWireRequest(models[m].protocol, first).path;
        m_urls[0].push_back(endpoint.urlFor(path));
        m_urls[1].push_back(m_paired ? directEndpoint.urlFor(path) : QUrl());
        for (int p = 0; prebuild && p < m_promptCount; ++p)
            m_bodies.push_back(buildBody(int(m), p, true));
    }
    for (double &w : m_cumulativeWeights)
        w = total > 0 ? w / total : 1.0;
    for (const scenario::PromptItem &item : *m_items) {
        std::int64_t tokens = protocol::estimateTokens(sc.prompts.system) + protocol::estimateTokens(item.user);
        for (const auto &message : item.messages)
            tokens += protocol::estimateTokens(message.second);
        m_promptTokens.push_back(tokens);
    }
    if (sc.prompts.sharedPrefix && sc.prompts.sharedPrefix->count > 0) {
        std::mt19937_64 rng(sc.prompts.sharedPrefix->seed);
        for (int k = 0; k < sc.prompts.sharedPrefix->count; ++k)
            m_prefixes.append(scenario::syntheticText(sc.prompts.sharedPrefix->tokens, rng));
        m_prefixTokens = protocol::estimateTokens(systemPrompt(0)) - protocol::estimateTokens(sc.prompts.system);
    }
    if (sc.hasLimits()) {
        QList<scenario::RateLimits> modelLimits;
        for (const scenario::ModelSpec &model : models)
            modelLimits.append(model.limits);
        m_limiter = std::make_unique<RateLimiter>(sc.limits, modelLimits, clock.nowNs());
    }
}

namespace {
/// A prompt's own messages: a dataset line's, or its one user message.
QList<protocol::ChatMessage> promptMessages(const scenario::PromptItem &item)
{
    QList<protocol::ChatMessage> out;
    for (const auto &[role, content] : item.messages)
        out.append({ role, content });
    if (out.isEmpty())
        out.append({ QStringLiteral("user"), item.user });
    return out;
}
} // namespace

QString RunContext::systemPrompt(int prefix) const
{
    if (prefix < 0 || prefix >= m_prefixes.size())
        return scenario.prompts.system;
    if (scenario.prompts.system.isEmpty())
        return m_prefixes[prefix];
    return m_prefixes[prefix] + QStringLiteral("\n\n") + scenario.prompts.system;
}

int RunContext::drawPrefix(double uniform, quint64 bits) const
{
    if (m_prefixes.isEmpty() || !(uniform < scenario.prompts.sharedPrefix->share))
        return -1;
    return int(bits % quint64(m_prefixes.size()));
}

QByteArray RunContext::buildBody(
    int model, int prompt, bool includeUsage, const ConversationHistory *history, int prefix) const
{
    const scenario::PromptItem &item = (*m_items)[prompt];
    protocol::ChatRequestSpec spec;
    spec.model = models[model].model;
    spec.systemPrompt = systemPrompt(prefix);
    if (history) {
        spec.messages = history->messages;
        spec.messages.append(promptMessages(item));
    } else {
        spec.userPrompt = item.user;
        for (const auto &[role, content] : item.messages)
            spec.messages.append({ role, content });
    }
    spec.maxTokens = maxTokens(model, prompt);
    spec.temperature = models[model].temperature;
    spec.stream = models[model].stream;
    spec.includeUsage = includeUsage; // only OpenAI Chat has a stream_options to leave out
    declareTools(scenario, spec);
    return protocol::buildWireRequest(models[model].protocol, spec).body;
}

const QByteArray *RunContext::prebuiltBody(int model, int prompt) const
{
    const std::size_t at = std::size_t(model) * std::size_t(m_promptCount) + std::size_t(prompt);
    return at < m_bodies.size() ? &m_bodies[at] : nullptr;
}

int RunContext::maxTokens(int model, int prompt) const
{
    const int own = (*m_items)[prompt].maxTokens;
    return own > 0 ? own : models[model].maxTokens;
}

int RunContext::nextPrompt(QRandomGenerator &rng) const
{
    if (m_sequentialPrompts) // a dataset in its order: one shared counter, so every line goes in turn
        return int(m_nextPrompt.fetch_add(1, std::memory_order_relaxed) % m_promptCount);
    return int(rng.bounded(m_promptCount));
}

double RunContext::tokenReservation(const RequestJob &job) const
{
    return double(promptTokenEstimate(job) + maxTokens(job.modelIndex, job.promptIndex));
}

std::optional<RequestJob> RunContext::nextTurn(
    const RequestJob &done, const QString &reply, QRandomGenerator &rng) const
{
    if (!scenario.conversation || done.turn <= 0 || done.turn >= scenario.conversation->turns)
        return std::nullopt;
    auto history = std::make_shared<ConversationHistory>();
    if (done.history)
        *history = *done.history;
    const QList<protocol::ChatMessage> said = promptMessages((*m_items)[done.promptIndex]);
    for (const protocol::ChatMessage &message : said) {
        history->messages.append(message);
        history->chars += message.content.size();
    }
    history->messages.append({ QStringLiteral("assistant"), reply });
    history->chars += reply.size();
    // The system prompt is in every turn's estimate already (promptTokenEstimate(prompt)).
    history->tokens += promptTokenEstimate(done.promptIndex) - protocol::estimateTokens(scenario.prompts.system)
        + protocol::estimateTokens(reply);
    RequestJob next;
    next.modelIndex = done.modelIndex;
    next.prefix = done.prefix; // a conversation keeps its system prompt
    next.promptIndex = nextPrompt(rng);
    next.turn = done.turn + 1;
    next.history = std::move(history);
    const std::int64_t context = promptTokenEstimate(next);
    if (scenario.conversation->maxContextTokens && context > *scenario.conversation->maxContextTokens)
        return std::nullopt;
    const scenario::PromptItem &item = (*m_items)[next.promptIndex];
    qsizetype nextChars = item.user.size();
    for (const auto &message : item.messages)
        nextChars += message.second.size();
    if (next.history->chars + nextChars > kMaxConversationChars)
        return std::nullopt;
    return next;
}

void RunContext::addSpend(const metrics::RequestOutcome &outcome)
{
    if (!scenario.budgetUsd || outcome.modelIndex < 0 || outcome.modelIndex >= models.size())
        return;
    const double usd = models[outcome.modelIndex].price.cost(
        outcome.promptTokens, outcome.completionTokens, outcome.cacheReadTokens, outcome.cacheCreationTokens);
    m_spentNanoUsd.fetch_add(std::llround(usd * 1e9), std::memory_order_relaxed);
}

int RunContext::pickModel(double uniform) const
{
    auto it = std::upper_bound(m_cumulativeWeights.begin(), m_cumulativeWeights.end(), uniform);
    if (it == m_cumulativeWeights.end())
        return int(m_cumulativeWeights.size()) - 1;
    return int(it - m_cumulativeWeights.begin());
}

namespace {
/// SplitMix64: a well-mixed 64-bit value from a counter (a pair's model and prompt draws).
quint64 splitMix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
double unitOf(quint64 bits)
{
    return double(bits >> 11) * 0x1.0p-53; // [0, 1)
}
} // namespace

RequestJob RunContext::pairJob(std::int64_t scheduledNs) const
{
    const std::int64_t n = m_pairedJobs.fetch_add(1, std::memory_order_relaxed);
    const quint64 pair = quint64(n / 2) * 2 + m_pairSalt;
    RequestJob job;
    job.scheduledNs = scheduledNs;
    job.modelIndex = pickModel(unitOf(splitMix(pair)));
    job.promptIndex = m_sequentialPrompts ? int(quint64(n / 2) % quint64(m_promptCount))
                                          : int(splitMix(pair + 1) % quint64(m_promptCount));
    job.direct = (n % 2) == 1;
    job.prefix = drawPrefix(unitOf(splitMix(pair + 2)), splitMix(pair + 3)); // both of a pair alike
    return job;
}

RequestJob RunContext::makeJob(std::int64_t scheduledNs, QRandomGenerator &rng) const
{
    if (m_paired)
        return pairJob(scheduledNs);
    RequestJob job;
    job.scheduledNs = scheduledNs;
    job.modelIndex = pickModel(rng.generateDouble());
    job.promptIndex = nextPrompt(rng);
    job.turn = conversational() ? 1 : 0;
    if (!m_prefixes.isEmpty())
        job.prefix = drawPrefix(rng.generateDouble(), rng.generate64());
    return job;
}

void RunContext::noteVuStart(std::int64_t scheduledNs)
{
    if (m_vuSweepSteps == 0)
        return;
    const std::int64_t step = scheduledNs / 1000000 / std::max<std::int64_t>(1, scenario.load.sweep.stepDurationMs);
    m_vuStarts[std::size_t(std::clamp<std::int64_t>(step, 0, m_vuSweepSteps - 1))].fetch_add(
        1, std::memory_order_relaxed);
}

} // namespace stampede::engine
