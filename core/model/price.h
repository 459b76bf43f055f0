#pragma once
// A model's price and what a request costs at it: the one Price the scenario stores, the editor
// edits and the aggregator charges with.

#include <cstdint>

namespace stampede::model {

struct Price {
    double inputPerMTok = 0.0; ///< $ per million prompt tokens
    double outputPerMTok = 0.0; ///< $ per million completion tokens

    /// prompt x input price + completion x output price, in $.
    double cost(std::int64_t promptTokens, std::int64_t completionTokens) const
    {
        return (double(promptTokens) * inputPerMTok + double(completionTokens) * outputPerMTok) / 1e6;
    }
};

} // namespace stampede::model
