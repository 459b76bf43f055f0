#include "ui/windows/noticebanner.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>

namespace stampede::ui {

NoticeBanner::NoticeBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_detailsButton(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("noticeBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setObjectName(QStringLiteral("noticeText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolTip(tr("Show the full preflight report"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setMaximumHeight(160);
    m_details->hide();

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(10, 6, 6, 6);
    grid->addWidget(m_icon, 0, 0, Qt::AlignTop);
    grid->addWidget(m_text, 0, 1);
    grid->addWidget(m_detailsButton, 0, 2, Qt::AlignTop);
    grid->addWidget(m_close, 0, 3, Qt::AlignTop);
    grid->addWidget(m_details, 1, 1, 1, 3);
    grid->setColumnStretch(1, 1);

    connect(m_detailsButton, &QToolButton::toggled, m_details, &QWidget::setVisible);
    connect(m_close, &QToolButton::clicked, this, &NoticeBanner::dismiss);
    hide();
}

void NoticeBanner::showMessage(Kind kind, const QString &message, const QString &details)
{
    m_kind = kind;
    m_text->setText(message);
    m_details->setPlainText(details);
    m_detailsButton->setVisible(!details.isEmpty());
    m_detailsButton->setChecked(false);
    applyKind();
    show();
}

void NoticeBanner::appendNotice(const QString &text)
{
    if (isHidden() || m_kind == Kind::Error) {
        showMessage(Kind::Warning, text);
        return;
    }
    const QStringList lines = m_text->text().split(QLatin1Char('\n'));
    if (!lines.contains(text))
        m_text->setText(m_text->text() + QLatin1Char('\n') + text);
}

void NoticeBanner::dismiss()
{
    hide();
    m_text->clear();
    m_details->clear();
}

QString NoticeBanner::message() const
{
    return isHidden() ? QString() : m_text->text();
}

QString NoticeBanner::details() const
{
    return m_details->toPlainText();
}

void NoticeBanner::applyKind()
{
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colors = QStringLiteral("background:#e8f1fb; border:1px solid #9cc3ea;");
    if (m_kind == Kind::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        colors = QStringLiteral("background:#fff6e0; border:1px solid #f0c36d;");
    } else if (m_kind == Kind::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        colors = QStringLiteral("background:#fdecea; border:1px solid #f0a39b;");
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    setStyleSheet(QStringLiteral("#noticeBanner{") + colors + QStringLiteral(" border-radius:4px;}")
        + QStringLiteral("#noticeBanner QLabel{color:#202124;}"));
}

} // namespace stampede::ui
