#pragma once
// Text fields that hold a parsed value: a k6 duration or a number. They keep the text as typed and the
// last value that parsed, and say at once why the text does not parse. GUI thread only.

#include <QLineEdit>

#include <optional>

namespace stampede::ui::editor {

/// Why `text` is not a k6 duration, or an empty string when it is one.
QString durationError(const QString &text);

/// A duration typed as text ("30s", "1m30s"), like the scenario file.
class DurationEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit DurationEdit(QWidget *parent = nullptr);
    void setMs(qint64 ms); ///< shows formatDuration(ms); no signal
    /// The typed duration, or the last one that parsed while the text does not.
    qint64 ms() const { return m_ms; }
    bool parses() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

Q_SIGNALS:
    void edited(); ///< the user changed the text (valid or not)

private:
    void onTextEdited(const QString &text);
    qint64 m_ms = 0;
    QString m_error;
};

/// A decimal number typed as text: keeps every digit of the value it was given (a spin box would
/// round it to its decimals and change the scenario on a mere load).
class NumberEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit NumberEdit(QWidget *parent = nullptr);
    void setValue(double value); ///< no signal
    double value() const { return m_value; }
    /// Empty text is then a value of its own, "none" (a cap or budget that may be left out).
    void setOptional(bool optional) { m_optional = optional; }
    void setOptionalValue(std::optional<double> value); ///< empty text for nullopt; no signal
    /// The value, nullopt while the text is empty (optional fields only); the last that parsed otherwise.
    std::optional<double> optionalValue() const;
    bool parses() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

Q_SIGNALS:
    void edited();

private:
    void onTextEdited(const QString &text);
    double m_value = 0;
    QString m_error;
    bool m_optional = false;
    bool m_empty = false; ///< the last text that parsed was empty (optional fields only)
};

/// "1 model", "4 models": English plurals without a translation file (tr's %n would print "model(s)").
QString counted(qsizetype count, const QString &singular, const QString &plural);

/// Caps a short field (duration, number, spin box) at about 16 characters: a form that stretches
/// "30s" across the window reads badly.
void setCompactWidth(QWidget *field);

/// One row of fields a helper class makes for a page (TargetNetworkFields, SweepFields): the page
/// lays it out with `label` and `help`, binds `path` to `field` and watches `field`.
struct FieldRow {
    QString label;
    QWidget *widget; ///< what the form shows (may hold a button beside the field)
    QWidget *field; ///< what the page binds and watches
    QString path; ///< the JSON path validate() uses (empty: a choice with no key of its own, not bound)
    QString help;
};

/// Shortest text for a number: 0.42 -> "0.42", 30 -> "30" (QString::number(v, 'g', 15)).
QString numberText(double value);

} // namespace stampede::ui::editor
