#pragma once
// The series selectors of scenario "server_metrics" (`name` or `name{label="value",other!="x"}`) and the
// Prometheus label-value quoting they share with the exposition parser (protocol/promtext.h). Here at
// the bottom because the scenario checks selectors and the protocol room evaluates them.

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace stampede::model {

/// A sample's labels, in file order, values unescaped.
using PromLabels = QList<std::pair<QString, QString>>;

/// One label matcher of a selector: `label="value"` or `label!="value"`.
struct PromMatcher {
    QString label;
    QString value;
    bool negate = false;
    bool operator==(const PromMatcher &) const = default;
};

/// A metric name and label matchers; the series is the sum over the label sets that match (a label
/// the sample lacks reads as "", as in PromQL).
struct PromSelector {
    QString name;
    QList<PromMatcher> matchers;

    bool matches(const PromLabels &labels) const;
    /// `name{a="b",c!="d"}` with the values escaped again.
    QString toString() const;
};

/// Parses `name` or `name{a="b", c!="d"}`; nullopt with *error ("expected '=' or '!=' after label a").
std::optional<PromSelector> parsePromSelector(const QString &text, QString *error);

bool isPromNameStart(char c);
bool isPromNameChar(char c);
/// The quoted label value at text[pos] (`"..."` with \\, \" and \n escapes); moves pos past it.
/// False with *error when it is not opened, badly escaped or unterminated.
bool readPromQuoted(QByteArrayView text, qsizetype &pos, QString &out, QString &error);

} // namespace stampede::model
