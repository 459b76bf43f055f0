#include "model/suggestion.h"

#include <QList>

#include <algorithm>
#include <cstdlib>

namespace stampede::model {

int editDistance(QStringView a, QStringView b)
{
    const QString x = a.toString().toLower();
    const QString y = b.toString().toLower();
    const qsizetype n = x.size();
    const qsizetype m = y.size();
    // Three rolling rows are enough for the adjacent-transposition rule.
    QList<int> before(m + 1), previous(m + 1), current(m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = x[i - 1] == y[j - 1] ? 0 : 1;
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost });
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[m];
}

std::optional<QString> closestMatch(const QString &word, const QStringList &candidates)
{
    // Allow about one typo per three characters, at least one and at most three.
    const int limit = int(std::clamp<qsizetype>((word.size() + 1) / 3, 1, 3));
    // editDistance() is quadratic: a hostile file with two 20,000-character model names kept
    // validate() busy for minutes (found by profiling tests/fuzz/fuzz_threshold). Nobody
    // mistypes a name that long, and a length gap beyond the limit can never be within it.
    constexpr qsizetype kMaxSuggestedLength = 64;
    if (word.size() > kMaxSuggestedLength)
        return std::nullopt;
    std::optional<QString> best;
    int bestDistance = limit + 1;
    for (const QString &candidate : candidates) {
        if (std::abs(candidate.size() - word.size()) > limit)
            continue;
        const int distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

QString suggestionSuffix(const QString &word, const QStringList &candidates)
{
    const std::optional<QString> match = closestMatch(word, candidates);
    if (!match)
        return {};
    return QStringLiteral("; did you mean \"") + *match + QStringLiteral("\"?");
}

} // namespace stampede::model
