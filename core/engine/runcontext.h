#pragma once
// What every thread of one run reads: immutable after construction, except the atomics at the end.

#include "engine/endpoint.h"
#include "engine/ratelimiter.h"
#include "engine/runclock.h"
#include "metrics/requestoutcome.h"
#include "protocol/chat.h"
#include "protocol/gatewayheaders.h"
#include "scenario/promptsource.h"
#include "scenario/scenario.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace stampede::engine {

/// What a conversation has said before its current turn (scenario "conversation"): every earlier
/// turn's prompt and the model's reply, in order. Made once per turn, then only read (shared by the
/// jobs and threads that carry it).
struct ConversationHistory {
    QList<protocol::ChatMessage> messages;
    std::int64_t tokens = 0; ///< protocol::estimateTokens() of the messages
    qsizetype chars = 0; ///< their length in all (the memory bound: kMaxConversationChars)
};

/// One unit of work from an executor: which model and prompt, and when it was meant to start.
struct RequestJob {
    std::int64_t scheduledNs = 0;
    int modelIndex = 0;
    int promptIndex = 0;
    /// A paired run (scenario direct_target): this request goes to the direct target, not the gateway.
    bool direct = false;
    /// A conversation's turn number (1, 2, ...); 0: the run has no conversations.
    int turn = 0;
    /// What the conversation said before this turn; null on a first turn.
    std::shared_ptr<const ConversationHistory> history {};
    /// Which shared prefix (scenario prompts.shared_prefix) the request starts with; -1: none. A
    /// conversation keeps its first turn's.
    int prefix = -1;
};

/// A conversation ends when what it has said reaches this many characters (about 1.5 M tokens),
/// whatever its turns and max_context_tokens: the bound on what a conversation keeps.
inline constexpr qsizetype kMaxConversationChars = 6 * 1024 * 1024;

/// One check of the scenario's list, resolved: which test, and for "under_<d>" the bound.
struct CheckSpec {
    enum class Kind { Status200, HasChoices, HasUsage, HasContent, Under } kind = Kind::Status200;
    std::int64_t underNs = 0;
};

class RunContext
{
public:
    /// `direct`: the scenario's direct_target, resolved (a paired run); ignored without one.
    RunContext(const scenario::Scenario &scenario, const Endpoint &endpoint, const Endpoint &direct = {});

    const RunClock clock;
    const Endpoint endpoint;
    const Endpoint directEndpoint; ///< a paired run's direct target (scenario direct_target); else unset
    /// A paired run: jobs alternate between the gateway and the direct target, two by two with the
    /// same model and prompt (makeJob(), pairJob()).
    bool paired() const { return m_paired; }
    const Endpoint &endpointFor(const RequestJob &job) const { return job.direct ? directEndpoint : endpoint; }
    const scenario::Scenario scenario;
    const QList<scenario::ModelSpec> models; ///< enabled models only; RequestJob::modelIndex indexes these
    const QList<CheckSpec> checks;
    /// scenario "tools": the declared functions' names (a call to any other is invalid); empty: no tools.
    const QStringList toolNames;
    /// scenario.capture_headers, compiled: which response headers the transports keep.
    const protocol::HeaderPatterns capturePatterns;

    /// The request body for a model and prompt, in the model's protocol (protocol::buildWireRequest()),
    /// with or without OpenAI Chat's stream_options (any thread).
    /// A conversation's later turn sends its history before the prompt.
    /// A shared prefix (`prefix` >= 0) goes before the system prompt.
    QByteArray buildBody(
        int model, int prompt, bool includeUsage, const ConversationHistory *history = nullptr, int prefix = -1) const;
    /// The system prompt a request with shared prefix `prefix` (-1: none) sends.
    QString systemPrompt(int prefix) const;
    /// scenario prompts.shared_prefix is set: every outcome says whether it had one.
    bool hasSharedPrefixes() const { return !m_prefixes.isEmpty(); }
    /// The body built ahead (with stream_options where it applies), or null: a run with more than
    /// 4,096 model x prompt pairs (a dataset, synthetic prompts) builds each request's body as it goes.
    const QByteArray *prebuiltBody(int model, int prompt) const;
    /// A prompt's own max_tokens (a dataset line's, a synthetic output length), else the model's.
    int maxTokens(int model, int prompt) const;
    /// The next prompt: a sequential dataset's next line (shared by all threads), else a random one.
    int nextPrompt(QRandomGenerator &rng) const;
    /// Where a job's request goes: its endpoint's URL of its model's protocol path.
    const QUrl &requestUrl(const RequestJob &job) const
    {
        return m_urls[job.direct ? 1 : 0][std::size_t(job.modelIndex)];
    }
    const QUrl &requestUrl(int model, bool direct) const { return m_urls[direct ? 1 : 0][std::size_t(model)]; }
    model::WireProtocol protocolOf(int model) const { return models[model].protocol; }
    int promptCount() const { return m_promptCount; }
    /// Weighted model choice; `uniform` in [0, 1).
    int pickModel(double uniform) const;
    /// A job for a closed-model iteration starting now, drawn from `rng`. A paired run draws its
    /// jobs from pairJob() instead.
    RequestJob makeJob(std::int64_t scheduledNs, QRandomGenerator &rng) const;
    /// A paired run's next job: job 2k goes to the gateway and 2k + 1 to the direct target, both with
    /// the model and prompt drawn for pair k (any thread; lock-free).
    RequestJob pairJob(std::int64_t scheduledNs) const;
    /// estimateTokens() of the system prompt and prompt `prompt` (its user text or messages): a
    /// request's prompt tokens when the server reports no usage, and the prompt part of its TPM
    /// reservation.
    std::int64_t promptTokenEstimate(int prompt) const { return m_promptTokens[std::size_t(prompt)]; }
    /// The same for a job: a conversation's history counts too.
    std::int64_t promptTokenEstimate(const RequestJob &job) const
    {
        return promptTokenEstimate(job.promptIndex) + (job.history ? job.history->tokens : 0)
            + (job.prefix >= 0 ? m_prefixTokens : 0);
    }

    /// scenario "conversation" is set: jobs carry turns.
    bool conversational() const { return scenario.conversation.has_value(); }
    /// The turn that follows `done` (which succeeded with `reply`, the model's answer text): the
    /// same model, the next prompt, the history grown by `done`'s prompt and the reply. Nullopt
    /// when the conversation is over: its turns are done, or the next request's estimated prompt
    /// would pass max_context_tokens or kMaxConversationChars.
    std::optional<RequestJob> nextTurn(const RequestJob &done, const QString &reply, QRandomGenerator &rng) const;

    /// The scenario's caps (engine/ratelimiter.h), shared by every worker thread; null: no cap.
    RateLimiter *limiter() const { return m_limiter.get(); }
    /// What a request reserves from the TPM buckets ahead: its prompt estimate + the model's max_tokens.
    double tokenReservation(const RequestJob &job) const;

    /// scenario "budget_usd": the spend so far (every finished request, priced as the aggregator
    /// prices it), added by the workers as requests finish.
    void addSpend(const metrics::RequestOutcome &outcome);
    double spentUsd() const { return double(m_spentNanoUsd.load(std::memory_order_relaxed)) / 1e9; }
    /// The budget is spent: no new request may start (in-flight ones finish).
    bool overBudget() const { return scenario.budgetUsd && spentUsd() >= *scenario.budgetUsd; }

    // Shared mutable state: atomics only.
    std::atomic<int> outstanding { 0 }; ///< requests started and not finished (incl. retry waits)
    std::atomic<int> vus { 0 };
    std::atomic<std::int64_t> dropped { 0 };
    std::atomic<std::int64_t> attemptsSent { 0 };
    std::atomic<bool> stopping { false }; ///< graceful stop: no new iterations, no retries
    /// A VU sweep: the iterations started in each step, so that its judge waits for them to be back
    /// (an open model's engine counts its arrivals itself). Workers note, the engine reads.
    void noteVuStart(std::int64_t scheduledNs);
    int vuSweepSteps() const { return m_vuSweepSteps; }
    std::int64_t vuStarts(int step) const { return m_vuStarts[std::size_t(step)].load(std::memory_order_relaxed); }
    bool usageDisabled(int model) const { return m_usageDisabled[model].load(std::memory_order_relaxed); }
    /// Returns true for the first caller only (so the notice is given once per model).
    bool disableUsage(int model) { return !m_usageDisabled[model].exchange(true); }

private:
    bool m_paired = false;
    quint64 m_pairSalt = 0;
    mutable std::atomic<std::int64_t> m_pairedJobs { 0 };
    std::shared_ptr<const QList<scenario::PromptItem>> m_items; ///< what the run sends (scenario/promptsource.h)
    int m_promptCount = 0;
    bool m_sequentialPrompts = false; ///< prompts.dataset with "order": "sequential"
    mutable std::atomic<std::int64_t> m_nextPrompt { 0 };
    std::vector<QByteArray> m_bodies; ///< [model][prompt], when prebuilt
    std::vector<QUrl> m_urls[2]; ///< [route: gateway, direct][model]
    std::vector<std::int64_t> m_promptTokens; ///< [prompt]
    QStringList m_prefixes; ///< prompts.shared_prefix's texts, built from its seed; empty: none
    std::int64_t m_prefixTokens = 0; ///< what a prefix adds to a request's estimate (each is as long)
    /// Draws whether a new request (or conversation) starts with a shared prefix, and which.
    int drawPrefix(double uniform, quint64 bits) const;
    std::unique_ptr<RateLimiter> m_limiter;
    std::atomic<std::int64_t> m_spentNanoUsd { 0 }; ///< integer nano-dollars: an atomic add, no lost updates
    std::vector<double> m_cumulativeWeights;
    std::unique_ptr<std::atomic<bool>[]> m_usageDisabled;
    int m_vuSweepSteps = 0; ///< 0 unless the load is a VU sweep
    std::unique_ptr<std::atomic<std::int64_t>[]> m_vuStarts;
};

QList<CheckSpec> resolveChecks(const QStringList &names);

/// Puts the scenario's "tools" (when set) into `spec`: its functions and tool choice.
void declareTools(const scenario::Scenario &scenario, protocol::ChatRequestSpec &spec);

} // namespace stampede::engine
