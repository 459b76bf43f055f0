#include "ui/editor/editorfields.h"

#include "scenario/duration.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace stampede::ui::editor {

QString durationError(const QString &text)
{
    if (scenario::parseDuration(text.trimmed()))
        return {};
    if (text.trimmed().isEmpty())
        return QCoreApplication::translate(
            "stampede::ui::editor::DurationEdit", "empty; type a duration such as \"30s\", \"2m\" or \"1h30m\"");
    return QCoreApplication::translate("stampede::ui::editor::DurationEdit",
        "\"%1\" is not a duration (use e.g. \"500ms\", \"30s\", \"2m\", \"1h30m\"; a bare number has no unit)")
        .arg(text);
}

QString counted(qsizetype count, const QString &singular, const QString &plural)
{
    return QString::number(count) + QLatin1Char(' ') + (count == 1 ? singular : plural);
}

void setCompactWidth(QWidget *field)
{
    field->setMaximumWidth(field->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 16 + 24);
}

QString numberText(double value)
{
    return QString::number(value, 'g', 15);
}

DurationEdit::DurationEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setPlaceholderText(tr("e.g. 30s, 2m"));
    setCompactWidth(this);
    connect(this, &QLineEdit::textEdited, this, &DurationEdit::onTextEdited);
}

void DurationEdit::setMs(qint64 ms)
{
    m_ms = ms;
    m_error.clear();
    setText(scenario::formatDuration(ms));
}

void DurationEdit::onTextEdited(const QString &text)
{
    m_error = durationError(text);
    if (m_error.isEmpty())
        m_ms = *scenario::parseDuration(text.trimmed());
    Q_EMIT edited();
}

NumberEdit::NumberEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setCompactWidth(this);
    connect(this, &QLineEdit::textEdited, this, &NumberEdit::onTextEdited);
}

void NumberEdit::setValue(double value)
{
    m_value = value;
    m_empty = false;
    m_error.clear();
    setText(numberText(value));
}

void NumberEdit::setOptionalValue(std::optional<double> value)
{
    if (value)
        return setValue(*value);
    m_value = 0;
    m_empty = true;
    m_error.clear();
    clear();
}

std::optional<double> NumberEdit::optionalValue() const
{
    return m_optional && m_empty ? std::nullopt : std::optional<double>(m_value);
}

void NumberEdit::onTextEdited(const QString &text)
{
    if (m_optional && text.trimmed().isEmpty()) {
        m_empty = true;
        m_error.clear();
        Q_EMIT edited();
        return;
    }
    bool ok = false;
    // The C locale like the file, and the user's locale as a courtesy ("2,5" in German).
    double parsed = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok)
        parsed = QLocale().toDouble(text.trimmed(), &ok);
    if (ok && std::isfinite(parsed)) {
        m_value = parsed;
        m_empty = false;
        m_error.clear();
    } else {
        m_error = tr("\"%1\" is not a number (use e.g. 10 or 2.5)").arg(text);
    }
    Q_EMIT edited();
}

} // namespace stampede::ui::editor
