#include "ui/editor/promptspage.h"

#include "ui/editor/editorfields.h"
#include "ui/editor/fieldmark.h"
#include "ui/editor/promptimport.h"

#include "report/workload.h"
#include "scenario/promptsource.h"
#include "scenario/scenarioio.h"

#include <QBrush>
#include <QColor>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace stampede::ui::editor {

namespace {

constexpr int kPromptRole = Qt::UserRole;
const QString kUserPath = QStringLiteral("prompts.user");

/// What "Functions" starts with when tools are turned on with none declared: one a user can adapt.
const QList<scenario::ToolFunction> kExampleTools { { QStringLiteral("get_weather"),
    QStringLiteral("The current weather in a city"),
    R"({"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"]})" } };

/// The functions as the scenario file writes them: a JSON array, indented.
QString functionsText(const QList<scenario::ToolFunction> &functions)
{
    scenario::Scenario s;
    s.tools = scenario::Tools { functions, QStringLiteral("auto") };
    const QJsonObject root = QJsonDocument::fromJson(scenario::toJson(s)).object();
    return QString::fromUtf8(
        QJsonDocument(root[u"tools"].toObject()[u"functions"].toArray()).toJson(QJsonDocument::Indented));
}

} // namespace

PromptsPage::PromptsPage(QWidget *parent)
    : EditorPage(parent)
    , m_system(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("promptsPage"));
    m_system->setObjectName(QStringLiteral("systemPromptEdit"));
    m_system->setMaximumHeight(90);
    m_system->setPlaceholderText(tr("Empty: no system message is sent"));
    auto *form = new QFormLayout;
    addRow(form, tr("System prompt"), m_system,
        tr("prompts.system: the system message sent first in every request (empty: none)"));
    addRow(form, tr("Prompt source"), createSourceFields(),
        tr("Where each request's prompt comes from: the user prompts below (the pool), a JSONL dataset (prompts "
           "or messages, in order or sampled), or synthetic prompts of a token-length distribution"));
    addRow(form, tr("Conversation"), createConversationFields(),
        tr("conversation: each VU (or arrival) holds a multi-turn conversation with one model; every turn sends "
           "the conversation so far, the model's actual replies included, and the next prompt. The report "
           "shows TTFT and latency by turn"));
    addRow(form, tr("Shared prefix"), createSharedPrefixFields(),
        tr("prompts.shared_prefix: a share of the requests (of the conversations) start with one of a few long "
           "system prompts, so a prefix cache's effect shows in the report: TTFT and cached tokens with against "
           "without"));
    addRow(form, tr("Tools"), createToolFields(),
        tr("tools: every request declares these functions and asks for a call; each call's arguments are "
           "assembled from the stream and checked as JSON (the integrity check tool_args_invalid)"));
    addRow(form, tr("User prompts"), createPromptList(),
        tr("prompts.user: each request sends one of these as the user message, picked at random"));
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("promptSourceLabel"));
    m_source->setWordWrap(true);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_source);
    layout->addLayout(form, 1);
    layout->addWidget(createButtons());
    bind(QStringLiteral("prompts.system"), m_system);
    bind(kUserPath, m_list);
    watch(m_system);
}

QWidget *PromptsPage::createSourceFields()
{
    auto *box = new QWidget(this);
    m_sourceCombo = new QComboBox(box);
    m_sourceCombo->setObjectName(QStringLiteral("promptSourceCombo"));
    m_sourceCombo->addItem(tr("User prompts below"));
    m_sourceCombo->addItem(tr("JSONL dataset"));
    m_sourceCombo->addItem(tr("Synthetic prompts"));
    setHelp(m_sourceCombo, tr("prompts.user (the pool), prompts.dataset or prompts.synthetic: one source per run"));
    m_sourcePages = new QStackedWidget(box);
    m_sourcePages->addWidget(new QWidget(m_sourcePages)); // the pool: the list below says it all

    auto *dataset = new QWidget(m_sourcePages);
    m_datasetPath = new QLineEdit(dataset);
    m_datasetPath->setObjectName(QStringLiteral("datasetPathEdit"));
    m_datasetPath->setPlaceholderText(tr("prompts.jsonl (relative: to the scenario file's folder)"));
    setHelp(m_datasetPath,
        tr("prompts.dataset.path: one {\"prompt\": ...} or {\"messages\": [...]} per line, optionally with "
           "\"max_tokens\"; referenced, never copied"));
    auto *browse = new QPushButton(tr("Browse..."), dataset);
    browse->setObjectName(QStringLiteral("datasetBrowseButton"));
    browse->setToolTip(tr("Pick the JSONL file"));
    m_datasetOrder = new QComboBox(dataset);
    m_datasetOrder->setObjectName(QStringLiteral("datasetOrderCombo"));
    m_datasetOrder->addItem(tr("in order"), QStringLiteral("sequential"));
    m_datasetOrder->addItem(tr("random sample"), QStringLiteral("random"));
    setHelp(m_datasetOrder,
        tr("prompts.dataset.order: sequential (line 1, 2, ... round and round) or random (a seeded sample)"));
    m_datasetSha = new QLineEdit(dataset);
    m_datasetSha->setObjectName(QStringLiteral("datasetShaEdit"));
    m_datasetSha->setPlaceholderText(tr("sha256 (optional)"));
    setHelp(m_datasetSha, tr("prompts.dataset.sha256: when set, the run refuses a file that does not match it"));
    auto *hash = new QPushButton(tr("Hash file"), dataset);
    hash->setObjectName(QStringLiteral("datasetHashButton"));
    hash->setToolTip(tr("Set sha256 to the file's hash as it is now, so later runs use exactly this file"));
    auto *datasetRow = new QHBoxLayout(dataset);
    datasetRow->setContentsMargins(0, 0, 0, 0);
    datasetRow->addWidget(m_datasetPath, 3);
    datasetRow->addWidget(browse);
    datasetRow->addWidget(m_datasetOrder);
    datasetRow->addWidget(m_datasetSha, 2);
    datasetRow->addWidget(hash);
    m_sourcePages->addWidget(dataset);

    auto *synthetic = new QWidget(m_sourcePages);
    m_syntheticCount = new QSpinBox(synthetic);
    m_syntheticCount->setObjectName(QStringLiteral("syntheticCountSpin"));
    m_syntheticCount->setRange(1, scenario::kMaxSyntheticPrompts);
    m_syntheticCount->setSuffix(tr(" prompts"));
    setHelp(m_syntheticCount, tr("prompts.synthetic.count: how many different prompts the run draws from"));
    m_syntheticKind = new QComboBox(synthetic);
    m_syntheticKind->setObjectName(QStringLiteral("syntheticKindCombo"));
    m_syntheticKind->addItem(tr("fixed length"));
    m_syntheticKind->addItem(tr("uniform"));
    m_syntheticKind->addItem(tr("normal"));
    m_syntheticKind->addItem(tr("histogram (from the file)"));
    setHelp(m_syntheticKind, tr("prompts.synthetic.input_tokens: the prompts' length distribution, in tokens"));
    m_syntheticA = new QSpinBox(synthetic);
    m_syntheticA->setObjectName(QStringLiteral("syntheticASpin"));
    m_syntheticA->setRange(1, scenario::kMaxSyntheticTokens);
    m_syntheticB = new QSpinBox(synthetic);
    m_syntheticB->setObjectName(QStringLiteral("syntheticBSpin"));
    m_syntheticB->setRange(0, scenario::kMaxSyntheticTokens);
    auto *syntheticRow = new QHBoxLayout(synthetic);
    syntheticRow->setContentsMargins(0, 0, 0, 0);
    syntheticRow->addWidget(m_syntheticCount);
    syntheticRow->addWidget(m_syntheticKind);
    syntheticRow->addWidget(m_syntheticA);
    syntheticRow->addWidget(m_syntheticB);
    syntheticRow->addStretch(1);
    m_sourcePages->addWidget(synthetic);

    // One line, whatever the window's height (a stacked widget would otherwise take the spare room).
    m_sourcePages->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_sourceCombo);
    row->addWidget(m_sourcePages, 1);
    connect(m_sourceCombo, &QComboBox::currentIndexChanged, m_sourcePages, &QStackedWidget::setCurrentIndex);
    connect(m_syntheticKind, &QComboBox::currentIndexChanged, this, &PromptsPage::updateSyntheticFields);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Prompt dataset"), QString(), tr("JSONL files (*.jsonl *.ndjson);;All files (*)"));
        if (path.isEmpty())
            return;
        m_datasetPath->setText(path);
        m_datasetResolved = path;
        m_datasetSha->clear(); // another file: its hash is not the old one's
        notifyEdited();
    });
    connect(hash, &QPushButton::clicked, this, &PromptsPage::hashDataset);
    connect(m_datasetPath, &QLineEdit::textEdited, this, [this](const QString &text) {
        // A typed path resolves as the loader would: relative to the scenario's folder, when known.
        const QString path = text.trimmed();
        m_datasetResolved = QFileInfo(path).isAbsolute() || m_datasetBase.isEmpty() ? path : m_datasetBase + path;
    });
    // The editor's own changes: the source shown below, the scenario rebuilt.
    for (QComboBox *combo : { m_sourceCombo, m_datasetOrder, m_syntheticKind })
        watch(combo);
    for (QWidget *field : { static_cast<QWidget *>(m_datasetPath), static_cast<QWidget *>(m_datasetSha),
             static_cast<QWidget *>(m_syntheticCount), static_cast<QWidget *>(m_syntheticA),
             static_cast<QWidget *>(m_syntheticB) })
        watch(field);
    connect(this, &EditorPage::edited, this, [this] {
        scenario::Scenario s;
        save(s);
        showSource(s.prompts);
    });
    bind(QStringLiteral("prompts.dataset"), m_datasetPath);
    bind(QStringLiteral("prompts.dataset.sha256"), m_datasetSha);
    bind(QStringLiteral("prompts.dataset.order"), m_datasetOrder);
    bind(QStringLiteral("prompts.synthetic"), m_syntheticCount);
    bind(QStringLiteral("prompts.synthetic.input_tokens"), m_syntheticKind);
    updateSyntheticFields();
    return box;
}

void PromptsPage::updateSyntheticFields()
{
    // fixed: the length; uniform: min and max; normal: mean and standard deviation; a histogram
    // comes from the file and is kept as it is.
    const int kind = m_syntheticKind->currentIndex();
    m_syntheticA->setPrefix(kind == 1 ? tr("min ") : kind == 3 ? QString() : tr("mean "));
    m_syntheticA->setSuffix(tr(" tokens"));
    m_syntheticB->setPrefix(kind == 1 ? tr("max ") : tr("sd "));
    m_syntheticB->setSuffix(tr(" tokens"));
    m_syntheticA->setVisible(kind != 3);
    m_syntheticB->setVisible(kind == 1 || kind == 2);
}

void PromptsPage::hashDataset()
{
    const QString path = m_datasetResolved.isEmpty() ? m_datasetPath->text().trimmed() : m_datasetResolved;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        m_importStatus->setText(
            tr("Cannot hash the dataset: %1").arg(path.isEmpty() ? tr("no file set") : file.errorString()));
        return;
    }
    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(&file);
    m_datasetSha->setText(QString::fromLatin1(sha.result().toHex()));
    m_importStatus->setText(tr("sha256 of %1 set.").arg(QFileInfo(path).fileName()));
    notifyEdited();
}

void PromptsPage::showPromptSource(const scenario::Prompts &prompts)
{
    m_sourceCombo->setCurrentIndex(prompts.dataset ? 1 : prompts.synthetic ? 2 : 0);
    m_datasetPath->setText(prompts.dataset ? prompts.dataset->path : QString());
    m_datasetResolved = prompts.dataset ? prompts.dataset->resolvedPath : QString();
    m_datasetBase.clear();
    if (prompts.dataset && !QFileInfo(prompts.dataset->path).isAbsolute()
        && m_datasetResolved.endsWith(prompts.dataset->path))
        m_datasetBase = m_datasetResolved.chopped(prompts.dataset->path.size());
    m_datasetSha->setText(prompts.dataset ? prompts.dataset->sha256 : QString());
    m_datasetOrder->setCurrentIndex(prompts.dataset && prompts.dataset->random ? 1 : 0);
    m_syntheticLoaded = prompts.synthetic.value_or(scenario::SyntheticPrompts {});
    if (!prompts.synthetic) { // a sensible start: 100 prompts of about 1,000 tokens
        m_syntheticLoaded.inputTokens.kind = scenario::TokenDistribution::Kind::Normal;
        m_syntheticLoaded.inputTokens.mean = 1000;
        m_syntheticLoaded.inputTokens.stddev = 250;
        m_syntheticLoaded.inputTokens.min = 1;
    }
    const scenario::TokenDistribution &d = m_syntheticLoaded.inputTokens;
    using Kind = scenario::TokenDistribution::Kind;
    m_syntheticCount->setValue(m_syntheticLoaded.count);
    m_syntheticKind->setCurrentIndex(int(d.kind));
    m_syntheticA->setValue(int(std::lround(d.kind == Kind::Uniform ? d.min : d.mean)));
    m_syntheticB->setValue(int(std::lround(d.kind == Kind::Uniform ? d.max : d.stddev)));
    updateSyntheticFields();
}

QWidget *PromptsPage::createConversationFields()
{
    auto *box = new QWidget(this);
    m_turns = new QSpinBox(box);
    m_turns->setObjectName(QStringLiteral("conversationTurnsSpin"));
    m_turns->setRange(1, scenario::kMaxConversationTurns);
    m_turns->setSuffix(tr(" turns"));
    m_turns->setSpecialValueText(tr("Off: single requests"));
    setHelp(m_turns,
        tr("conversation.turns: requests per conversation; each turn appends the model's reply and the next "
           "prompt. A failed turn ends its conversation"));
    m_contextBudget = new QSpinBox(box);
    m_contextBudget->setObjectName(QStringLiteral("contextBudgetSpin"));
    m_contextBudget->setRange(0, scenario::kMaxContextTokens);
    m_contextBudget->setSingleStep(1000);
    m_contextBudget->setSuffix(tr(" tokens"));
    m_contextBudget->setSpecialValueText(tr("No context budget"));
    setHelp(m_contextBudget,
        tr("conversation.max_context_tokens: a conversation ends before a turn whose prompt (history included, "
           "estimated at ~4 characters a token) would pass this many tokens"));
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_turns);
    row->addWidget(m_contextBudget);
    row->addStretch(1);
    connect(m_turns, &QSpinBox::valueChanged, this, [this](int turns) { m_contextBudget->setEnabled(turns > 1); });
    bind(QStringLiteral("conversation.turns"), m_turns);
    bind(QStringLiteral("conversation.max_context_tokens"), m_contextBudget);
    bind(QStringLiteral("conversation"), m_turns);
    watch(m_turns);
    watch(m_contextBudget);
    return box;
}

QWidget *PromptsPage::createSharedPrefixFields()
{
    auto *box = new QWidget(this);
    m_prefixCount = new QSpinBox(box);
    m_prefixCount->setObjectName(QStringLiteral("sharedPrefixCountSpin"));
    m_prefixCount->setRange(0, scenario::kMaxSharedPrefixes);
    m_prefixCount->setSuffix(tr(" prefixes"));
    m_prefixCount->setSpecialValueText(tr("Off: no shared prefix"));
    setHelp(m_prefixCount, tr("prompts.shared_prefix.count: how many different long system prompts there are"));
    m_prefixTokens = new QSpinBox(box);
    m_prefixTokens->setObjectName(QStringLiteral("sharedPrefixTokensSpin"));
    m_prefixTokens->setRange(1, scenario::kMaxSyntheticTokens);
    m_prefixTokens->setSingleStep(500);
    m_prefixTokens->setSuffix(tr(" tokens each"));
    m_prefixTokens->setValue(2000);
    setHelp(m_prefixTokens,
        tr("prompts.shared_prefix.tokens: each prefix's length (words from a seeded list, ~4 characters a token); "
           "providers cache prefixes from 1,024 tokens"));
    m_prefixShare = new QSpinBox(box);
    m_prefixShare->setObjectName(QStringLiteral("sharedPrefixShareSpin"));
    m_prefixShare->setRange(0, 100);
    m_prefixShare->setSuffix(tr(" % of requests"));
    m_prefixShare->setValue(50);
    setHelp(m_prefixShare, tr("prompts.shared_prefix.share: the part of the requests that start with one"));
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_prefixCount);
    row->addWidget(m_prefixTokens);
    row->addWidget(m_prefixShare);
    row->addStretch(1);
    const auto enable = [this](int count) {
        m_prefixTokens->setEnabled(count > 0);
        m_prefixShare->setEnabled(count > 0);
    };
    connect(m_prefixCount, &QSpinBox::valueChanged, this, enable);
    enable(0);
    bind(QStringLiteral("prompts.shared_prefix"), m_prefixCount);
    bind(QStringLiteral("prompts.shared_prefix.tokens"), m_prefixTokens);
    bind(QStringLiteral("prompts.shared_prefix.share"), m_prefixShare);
    for (QSpinBox *spin : { m_prefixCount, m_prefixTokens, m_prefixShare })
        watch(spin);
    return box;
}

QWidget *PromptsPage::createToolFields()
{
    auto *box = new QWidget(this);
    m_toolChoice = new QComboBox(box);
    m_toolChoice->setObjectName(QStringLiteral("toolChoiceCombo"));
    setHelp(m_toolChoice,
        tr("tools.choice: auto (the model decides), required (a call every time), none (declared, never called), "
           "or one function that must be called"));
    m_toolSummary = new QLabel(box);
    m_toolSummary->setObjectName(QStringLiteral("toolSummaryLabel"));
    m_toolEditButton = new QPushButton(tr("Functions..."), box);
    m_toolEditButton->setObjectName(QStringLiteral("editToolsButton"));
    m_toolEditButton->setCheckable(true);
    m_toolEditButton->setToolTip(tr("Show or hide the functions, as the scenario file's JSON (name, description, "
                                    "parameters as a JSON Schema)"));
    m_toolEdit = new QPlainTextEdit(box);
    m_toolEdit->setObjectName(QStringLiteral("toolFunctionsEdit"));
    m_toolEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_toolEdit->setMaximumHeight(130);
    m_toolEdit->setToolTip(tr("tools.functions: a JSON array; edits apply as soon as they are valid"));
    m_toolEdit->hide();
    m_toolStatus = new QLabel(box);
    m_toolStatus->setObjectName(QStringLiteral("toolFunctionsStatus"));
    m_toolStatus->setWordWrap(true);
    m_toolStatus->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_toolStatus->hide();
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_toolChoice);
    row->addWidget(m_toolEditButton);
    row->addWidget(m_toolSummary, 1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_toolEdit);
    layout->addWidget(m_toolStatus);
    fillToolChoices(QString());
    connect(m_toolEditButton, &QPushButton::toggled, m_toolEdit, &QWidget::setVisible);
    connect(m_toolChoice, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loadingTools)
            return;
        const bool on = !m_toolChoice->currentData().toString().isEmpty();
        if (on && m_toolFunctions.isEmpty()) { // something to start from, shown
            m_toolFunctions = kExampleTools;
            m_loadingTools = true;
            m_toolEdit->setPlainText(functionsText(m_toolFunctions));
            m_loadingTools = false;
            m_toolEditButton->setChecked(true);
            fillToolChoices(m_toolChoice->currentData().toString()); // "call get_weather" too
        }
        updateToolRow();
    });
    connect(m_toolEdit, &QPlainTextEdit::textChanged, this, &PromptsPage::onToolFunctionsEdited);
    bind(QStringLiteral("tools"), m_toolChoice);
    bind(QStringLiteral("tools.choice"), m_toolChoice);
    bind(QStringLiteral("tools.functions"), m_toolEdit);
    watch(m_toolChoice);
    return box;
}

void PromptsPage::fillToolChoices(const QString &current)
{
    const bool was = m_loadingTools;
    m_loadingTools = true;
    m_toolChoice->clear();
    m_toolChoice->addItem(tr("Off: no tools"), QString());
    m_toolChoice->addItem(tr("auto: the model decides"), QStringLiteral("auto"));
    m_toolChoice->addItem(tr("required: a call every time"), QStringLiteral("required"));
    m_toolChoice->addItem(tr("none: declared, not called"), QStringLiteral("none"));
    for (const scenario::ToolFunction &f : std::as_const(m_toolFunctions))
        m_toolChoice->addItem(tr("call %1").arg(f.name), f.name);
    m_toolChoice->setCurrentIndex(std::max(0, m_toolChoice->findData(current)));
    m_loadingTools = was;
    updateToolRow();
}

void PromptsPage::updateToolRow()
{
    const bool on = !m_toolChoice->currentData().toString().isEmpty();
    m_toolEditButton->setEnabled(on);
    if (!on) {
        m_toolEditButton->setChecked(false);
        m_toolSummary->setText(tr("No tools declared"));
        return;
    }
    QStringList names;
    for (const scenario::ToolFunction &f : std::as_const(m_toolFunctions))
        names << f.name;
    m_toolSummary->setText(
        tr("%1 declared: %2")
            .arg(counted(int(names.size()), tr("function"), tr("functions")), names.join(QStringLiteral(", "))));
}

void PromptsPage::showTools(const std::optional<scenario::Tools> &tools)
{
    m_loadingTools = true;
    m_toolFunctions = tools ? tools->functions : QList<scenario::ToolFunction> {};
    m_toolEdit->setPlainText(m_toolFunctions.isEmpty() ? QString() : functionsText(m_toolFunctions));
    m_toolStatus->hide();
    m_loadingTools = false;
    fillToolChoices(tools ? tools->choice : QString());
}

void PromptsPage::onToolFunctionsEdited()
{
    if (m_loadingTools || isLoading())
        return;
    // The file's own reader judges the text, so the editor accepts what a scenario file accepts.
    const QByteArray text = m_toolEdit->toPlainText().toUtf8();
    const scenario::LoadResult parsed
        = scenario::parseScenario(QByteArray(R"({"tools": {"functions": )") + text + QByteArray("}}"));
    QStringList problems;
    for (const scenario::ValidationError &error : parsed.errors)
        if (error.path.startsWith(QLatin1StringView("tools.functions")) || error.path.isEmpty())
            problems << (error.path.isEmpty() ? error.message : error.path + QStringLiteral(": ") + error.message);
    if (!problems.isEmpty() || !parsed.scenario.tools) {
        m_toolStatus->setText(
            problems.isEmpty() ? tr("Not a JSON array of functions") : tr("Not applied: %1").arg(problems.first()));
        m_toolStatus->show();
        return;
    }
    m_toolStatus->hide();
    m_toolFunctions = parsed.scenario.tools->functions;
    fillToolChoices(m_toolChoice->currentData().toString());
    notifyEdited();
}

QWidget *PromptsPage::createPromptList()
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_list = new QListWidget(splitter);
    m_list->setObjectName(QStringLiteral("userPromptList"));
    m_list->setAlternatingRowColors(true);
    m_detail = new QPlainTextEdit(splitter);
    m_detail->setObjectName(QStringLiteral("promptDetailEdit"));
    m_detail->setPlaceholderText(tr("Select a prompt above to edit it here (it may span several lines)"));
    setHelp(m_detail, tr("The selected user prompt; edits apply as you type"));
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    connect(m_list, &QListWidget::currentItemChanged, this, &PromptsPage::showCurrent);
    connect(m_detail, &QPlainTextEdit::textChanged, this, &PromptsPage::onDetailEdited);
    return splitter;
}

QWidget *PromptsPage::createButtons()
{
    auto *box = new QWidget(this);
    auto *add = new QPushButton(tr("Add"), box);
    add->setObjectName(QStringLiteral("addPromptButton"));
    add->setToolTip(tr("Add a prompt and edit it below the list"));
    m_remove = new QPushButton(tr("Remove"), box);
    m_remove->setObjectName(QStringLiteral("removePromptButton"));
    m_remove->setToolTip(tr("Remove the selected prompt"));
    auto *clear = new QPushButton(tr("Clear all"), box);
    clear->setObjectName(QStringLiteral("clearPromptsButton"));
    clear->setToolTip(tr("Remove every user prompt (e.g. before an import); Undo puts them back"));
    m_undoClear = new QPushButton(tr("Undo"), box);
    m_undoClear->setObjectName(QStringLiteral("undoClearPromptsButton"));
    m_undoClear->setToolTip(tr("Put back the prompts Clear all removed"));
    m_undoClear->hide();
    auto *import = new QPushButton(tr("Import..."), box);
    import->setObjectName(QStringLiteral("importPromptsButton"));
    import->setToolTip(tr("Append prompts from a text file (one per line) or a JSONL file ({\"prompt\": \"...\"} "
                          "or {\"messages\": [...]}: the last user message)"));
    m_count = new QLabel(box);
    m_count->setObjectName(QStringLiteral("promptCount"));
    m_importStatus = new QLabel(box);
    m_importStatus->setObjectName(QStringLiteral("importStatus"));
    m_importStatus->setWordWrap(true);
    m_importStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    for (QWidget *button : { add, m_remove, clear, m_undoClear, import })
        row->addWidget(button);
    row->addStretch(1);
    row->addWidget(m_count);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_importStatus);
    connect(add, &QPushButton::clicked, this, [this] {
        addPrompt(QString());
        m_list->setCurrentRow(m_list->count() - 1);
        m_detail->setFocus();
        notifyEdited();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->currentItem();
        updateCount();
        notifyEdited();
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_list->count() == 0)
            return;
        m_cleared = userPrompts();
        m_list->clear();
        updateCount();
        m_importStatus->setText(
            tr("Cleared %1. Undo puts them back.").arg(counted(int(m_cleared.size()), tr("prompt"), tr("prompts"))));
        m_undoClear->show();
        notifyEdited();
    });
    connect(m_undoClear, &QPushButton::clicked, this, [this] {
        // Back in front of anything added since, in their order.
        for (qsizetype i = 0; i < m_cleared.size(); ++i) {
            auto *item = new QListWidgetItem;
            setItemText(item, m_cleared[i]);
            m_list->insertItem(int(i), item);
        }
        m_importStatus->setText(tr("Put back %1.").arg(counted(int(m_cleared.size()), tr("prompt"), tr("prompts"))));
        m_cleared.clear();
        m_undoClear->hide();
        updateCount();
        notifyEdited();
    });
    connect(import, &QPushButton::clicked, this, &PromptsPage::chooseImportFile);
    return box;
}

void PromptsPage::setItemText(QListWidgetItem *item, const QString &text)
{
    item->setData(kPromptRole, text);
    QString shown = text;
    shown.replace(QLatin1Char('\n'), QStringLiteral(" \u23ce "));
    item->setText(shown.isEmpty() ? tr("(empty)") : shown);
}

void PromptsPage::addPrompt(const QString &text)
{
    setItemText(new QListWidgetItem(m_list), text);
    updateCount();
}

void PromptsPage::showCurrent()
{
    m_showing = true;
    const QListWidgetItem *item = m_list->currentItem();
    m_detail->setPlainText(item ? item->data(kPromptRole).toString() : QString());
    m_detail->setEnabled(item != nullptr);
    m_showing = false;
    refreshEnabled();
}

void PromptsPage::onDetailEdited()
{
    QListWidgetItem *item = m_list->currentItem();
    if (m_showing || isLoading() || !item)
        return;
    setItemText(item, m_detail->toPlainText());
    notifyEdited();
}

void PromptsPage::updateCount()
{
    m_count->setText(counted(m_list->count(), tr("prompt"), tr("prompts")));
}

QStringList PromptsPage::userPrompts() const
{
    QStringList prompts;
    for (int i = 0; i < m_list->count(); ++i)
        prompts.append(m_list->item(i)->data(kPromptRole).toString());
    return prompts;
}

void PromptsPage::loadScenario(const scenario::Scenario &scenario)
{
    m_system->setPlainText(scenario.prompts.system);
    m_list->clear();
    for (const QString &prompt : scenario.prompts.user)
        addPrompt(prompt);
    m_importStatus->clear();
    m_cleared.clear();
    m_undoClear->hide();
    showCurrent();
    showSource(scenario.prompts);
    showPromptSource(scenario.prompts);
    m_turns->setValue(scenario.conversation ? scenario.conversation->turns : 1);
    m_contextBudget->setValue(scenario.conversation ? scenario.conversation->maxContextTokens.value_or(0) : 0);
    m_contextBudget->setEnabled(m_turns->value() > 1);
    const std::optional<scenario::SharedPrefix> &prefix = scenario.prompts.sharedPrefix;
    m_prefixCount->setValue(prefix ? prefix->count : 0);
    m_prefixTokens->setValue(prefix ? prefix->tokens : 2000);
    m_prefixShare->setValue(prefix ? int(std::lround(prefix->share * 100)) : 50);
    m_prefixSeed = prefix ? prefix->seed : 1;
    m_prefixShareLoaded = prefix ? prefix->share : 0.5;
    showTools(scenario.tools);
}

void PromptsPage::showSource(const scenario::Prompts &prompts)
{
    // A dataset or synthetic prompts replace the pool (the system prompt still goes first).
    QString text;
    if (prompts.dataset) {
        text = tr("<b>Prompts come from a dataset</b>: %1 (order: %2; sha256 %3). Each JSONL line is one request's "
                  "prompt or messages; the user prompts below are not sent.")
                   .arg(prompts.dataset->path.toHtmlEscaped(),
                       prompts.dataset->random ? tr("random sample") : tr("sequential, line by line"),
                       prompts.dataset->sha256.isEmpty() ? tr("not checked")
                                                         : prompts.dataset->sha256.left(12) + QStringLiteral("…"));
    } else if (prompts.synthetic) {
        text = tr("<b>Synthetic prompts</b>: %1 prompts, input length %2%3, seed %4; the user prompts below are "
                  "not sent.")
                   .arg(prompts.synthetic->count)
                   .arg(report::tokenDistributionText(prompts.synthetic->inputTokens).toHtmlEscaped())
                   .arg(prompts.synthetic->outputTokens ? tr(", max_tokens drawn per prompt") : QString())
                   .arg(prompts.synthetic->seed);
    }
    m_source->setText(text);
    m_source->setVisible(!text.isEmpty());
}

void PromptsPage::save(scenario::Scenario &scenario) const
{
    scenario.prompts.system = m_system->toPlainText();
    scenario.prompts.user = userPrompts();
    scenario.prompts.dataset.reset();
    scenario.prompts.synthetic.reset();
    if (m_sourceCombo->currentIndex() == 1) {
        scenario::PromptDataset dataset;
        dataset.path = m_datasetPath->text().trimmed();
        dataset.sha256 = m_datasetSha->text().trimmed().toLower();
        dataset.random = m_datasetOrder->currentIndex() == 1;
        dataset.resolvedPath = m_datasetResolved;
        scenario.prompts.dataset = dataset;
    } else if (m_sourceCombo->currentIndex() == 2) {
        scenario::SyntheticPrompts synthetic = m_syntheticLoaded;
        synthetic.count = m_syntheticCount->value();
        using Kind = scenario::TokenDistribution::Kind;
        scenario::TokenDistribution &d = synthetic.inputTokens;
        const auto kind = Kind(m_syntheticKind->currentIndex());
        if (kind != Kind::Histogram || d.kind == Kind::Histogram) {
            const double a = m_syntheticA->value(), b = m_syntheticB->value();
            if (kind == Kind::Fixed)
                d = { Kind::Fixed, a, 0, 1, 0, {} };
            else if (kind == Kind::Uniform)
                d = { Kind::Uniform, (a + b) / 2, 0, a, b, {} };
            else if (kind == Kind::Normal)
                d = { Kind::Normal, a, b, 1, d.kind == Kind::Normal ? d.max : 0, {} };
        }
        scenario.prompts.synthetic = synthetic;
    }
    if (m_prefixCount->value() > 0)
        scenario.prompts.sharedPrefix = scenario::SharedPrefix { m_prefixCount->value(), m_prefixTokens->value(),
            // The file's share while the field shows it (33 % may stand for 0.333).
            m_prefixShare->value() == int(std::lround(m_prefixShareLoaded * 100)) ? m_prefixShareLoaded
                                                                                  : m_prefixShare->value() / 100.0,
            m_prefixSeed };
    else
        scenario.prompts.sharedPrefix.reset();
    if (const QString choice = m_toolChoice->currentData().toString(); !choice.isEmpty() && !m_toolFunctions.isEmpty())
        scenario.tools = scenario::Tools { m_toolFunctions, choice };
    else
        scenario.tools.reset();
    if (m_turns->value() > 1)
        scenario.conversation = scenario::Conversation { m_turns->value(),
            m_contextBudget->value() > 0 ? std::optional(m_contextBudget->value()) : std::nullopt };
    else
        scenario.conversation.reset();
}

void PromptsPage::showErrors(const QList<scenario::ValidationError> &errors)
{
    EditorPage::showErrors(errors);
    for (int i = 0; i < m_list->count(); ++i) {
        const QString path = kUserPath + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        QStringList problems;
        for (const scenario::ValidationError &error : errors) {
            if (pathIsUnder(error.path, path))
                problems.append(error.message);
        }
        QListWidgetItem *item = m_list->item(i);
        item->setBackground(problems.isEmpty() ? QBrush() : QBrush(QColor(0xff, 0xcd, 0xd2)));
        item->setToolTip(problems.join(QLatin1Char('\n')));
    }
}

int PromptsPage::importFile(const QString &path)
{
    const PromptImport imported = importPromptFile(path);
    for (const QString &prompt : imported.prompts)
        addPrompt(prompt);
    QString status
        = tr("Imported %1 from %2.")
              .arg(counted(imported.prompts.size(), tr("prompt"), tr("prompts")), QFileInfo(path).fileName());
    if (!imported.problems.isEmpty()) {
        constexpr int kShown = 8; // the label stays readable; the rest is counted
        QStringList shown = imported.problems.mid(0, kShown);
        if (imported.problems.size() > kShown)
            shown << tr("... and %1 more").arg(imported.problems.size() - kShown);
        status += QLatin1Char(' ') + tr("Skipped %1:").arg(counted(imported.problems.size(), tr("line"), tr("lines")))
            + QLatin1Char('\n') + shown.join(QLatin1Char('\n'));
    }
    m_importStatus->setText(status);
    m_importStatus->setStyleSheet(imported.problems.isEmpty() ? QString() : QStringLiteral("color: #b71c1c;"));
    if (!imported.prompts.isEmpty())
        notifyEdited();
    return int(imported.prompts.size());
}

void PromptsPage::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import prompts"), QString(), tr("Prompt files (*.txt *.jsonl *.ndjson);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void PromptsPage::refreshEnabled()
{
    if (isLocked())
        return;
    m_remove->setEnabled(m_list->currentItem() != nullptr);
}

} // namespace stampede::ui::editor
