#include "engine/costestimate.h"

#include "protocol/chat.h"
#include "scenario/plan.h"
#include "scenario/promptsource.h"

#include <algorithm>

namespace stampede::engine {

namespace {

/// The mean estimated prompt tokens of a request: system prompt + one user prompt, averaged.
double meanPromptTokens(const scenario::Prompts &prompts)
{
    const double system = double(protocol::estimateTokens(prompts.system));
    if (prompts.loaded && !prompts.loaded->isEmpty()) { // a dataset or synthetic prompts, loaded
        double sum = 0;
        for (const scenario::PromptItem &item : *prompts.loaded) {
            sum += double(protocol::estimateTokens(item.user));
            for (const auto &message : item.messages)
                sum += double(protocol::estimateTokens(message.second));
        }
        return system + sum / double(prompts.loaded->size());
    }
    if (prompts.synthetic) { // not built yet: the distribution's mean
        const scenario::TokenDistribution &d = prompts.synthetic->inputTokens;
        double mean = d.mean;
        if (d.kind == scenario::TokenDistribution::Kind::Uniform)
            mean = (d.min + d.max) / 2;
        if (d.kind == scenario::TokenDistribution::Kind::Histogram) {
            double weights = 0, sum = 0;
            for (const auto &[tokens, weight] : d.buckets) {
                sum += tokens * weight;
                weights += weight;
            }
            mean = weights > 0 ? sum / weights : 0;
        }
        return system + mean;
    }
    if (prompts.user.isEmpty())
        return system + double(protocol::estimateTokens(QStringLiteral("Hello")));
    double sum = 0;
    for (const QString &user : prompts.user)
        sum += double(protocol::estimateTokens(user));
    return system + sum / double(prompts.user.size());
}

QString dollars(double usd)
{
    return QLatin1Char('$') + QString::number(usd, 'f', usd >= 1 ? 2 : (usd >= 0.01 ? 4 : 6));
}

} // namespace

CostEstimate estimateCost(const scenario::Scenario &scenario)
{
    CostEstimate e;
    const scenario::Plan plan = scenario::makePlan(scenario.load);
    e.openModel = plan.openModel;
    // The integral of the plan's target over its duration: arrivals, or VU-seconds.
    const double area = plan.expectedArrivals(plan.totalMs);
    if (e.openModel) {
        e.requests = area;
    } else {
        e.assumedIterationS
            = kAssumedLatencyS + double(scenario.load.thinkTimeMinMs + scenario.load.thinkTimeMaxMs) / 2000.0;
        e.requests = area / e.assumedIterationS;
    }
    if (scenario.limits.rpm) {
        const double cap = *scenario.limits.rpm * double(plan.totalMs) / 60000.0 + 1;
        e.cappedByRpm = cap < e.requests;
        e.requests = std::min(e.requests, cap);
    }
    e.promptTokens = meanPromptTokens(scenario.prompts);
    if (scenario.conversation && scenario.conversation->turns > 1) {
        // Turn k sends the system prompt, k prompts and k - 1 replies (at most max_tokens each): over
        // a whole conversation, (N + 1) / 2 prompts and (N - 1) / 2 replies a request on average.
        const double system = double(protocol::estimateTokens(scenario.prompts.system));
        const double turns = double(scenario.conversation->turns);
        double maxTokens = 0, weights = 0;
        for (const scenario::ModelSpec &model : scenario.models) {
            if (model.enabled && model.weight > 0) {
                maxTokens += model.weight * model.maxTokens;
                weights += model.weight;
            }
        }
        const double reply = weights > 0 ? maxTokens / weights : 0;
        e.promptTokens = system + (e.promptTokens - system) * (turns + 1) / 2 + reply * (turns - 1) / 2;
        if (scenario.conversation->maxContextTokens)
            e.promptTokens = std::min(e.promptTokens, double(*scenario.conversation->maxContextTokens));
    }
    double weights = 0;
    double weighted = 0;
    for (const scenario::ModelSpec &model : scenario.models) {
        if (!model.enabled || !(model.weight > 0))
            continue;
        weights += model.weight;
        weighted += model.weight * model.price.cost(std::int64_t(e.promptTokens + 0.5), model.maxTokens);
    }
    e.usdPerRequest = weights > 0 ? weighted / weights : 0;
    e.usd = e.requests * e.usdPerRequest;
    return e;
}

QString CostEstimate::text() const
{
    QString out = QStringLiteral("~%1 (%2 requests × ≤ %3 each: ~%4 prompt tokens + max_tokens)")
                      .arg(dollars(usd))
                      .arg(qRound64(requests))
                      .arg(dollars(usdPerRequest))
                      .arg(qRound64(promptTokens));
    if (cappedByRpm)
        out += QStringLiteral("; the request count is limits.rpm's");
    else if (!openModel)
        out += QStringLiteral("; closed model: assumes each VU finishes an iteration every %1 s (%2 s latency "
                              "+ think time), the real count follows the server's latency")
                   .arg(assumedIterationS, 0, 'g', 3)
                   .arg(kAssumedLatencyS, 0, 'g', 3);
    return out;
}

} // namespace stampede::engine
