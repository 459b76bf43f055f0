#pragma once
// A model's price and what a request costs at it: the one Price the scenario stores, the editor
// edits and the aggregator charges with.

#include <cstdint>
#include <optional>

namespace stampede::model {

struct Price {
    Price() = default;
    Price(double input, double output)
        : inputPerMTok(input)
        , outputPerMTok(output)
    {
    }

    double inputPerMTok = 0.0; ///< $ per million prompt tokens
    double outputPerMTok = 0.0; ///< $ per million completion tokens
    /// $ per million prompt tokens read from a prompt cache, and written to one (Anthropic's cache
    /// creation); unset: the input price (no discount assumed that the scenario does not state).
    std::optional<double> cacheReadPerMTok;
    std::optional<double> cacheWritePerMTok;

    /// prompt x input price + completion x output price + cache reads and writes at their prices,
    /// in $. promptTokens are those neither read from nor written to a cache (docs/metrics.md).
    double cost(std::int64_t promptTokens, std::int64_t completionTokens, std::int64_t cacheReadTokens = 0,
        std::int64_t cacheWriteTokens = 0) const
    {
        return (double(promptTokens) * inputPerMTok + double(completionTokens) * outputPerMTok
                   + double(cacheReadTokens) * cacheReadPerMTok.value_or(inputPerMTok)
                   + double(cacheWriteTokens) * cacheWritePerMTok.value_or(inputPerMTok))
            / 1e6;
    }
};

} // namespace stampede::model
