<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChangeWords</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/settings/change_words.py" line="67"/>
        <source>%n holiday(s)</source>
        <translation>
            <numerusform>%n holiday</numerusform>
            <numerusform>%n holidays</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/table_model.py" line="219"/>
        <source>Overlaps the session(s) starting %1</source>
        <translation>
            <numerusform>Overlaps the session starting %1</numerusform>
            <numerusform>Overlaps the sessions starting %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="366"/>
        <source>%n entries, priced</source>
        <translation>
            <numerusform>%n entry, priced</numerusform>
            <numerusform>%n entries, priced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="398"/>
        <source>%n session(s) without a customer</source>
        <translation>
            <numerusform>%n session without a customer</numerusform>
            <numerusform>%n sessions without a customer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="399"/>
        <source>%n long session(s) to approve</source>
        <translation>
            <numerusform>%n long session to approve</numerusform>
            <numerusform>%n long sessions to approve</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="400"/>
        <source>%n session(s) still running</source>
        <translation>
            <numerusform>%n session still running</numerusform>
            <numerusform>%n sessions still running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="401"/>
        <source>%n overlap(s)</source>
        <translation>
            <numerusform>%n overlap</numerusform>
            <numerusform>%n overlaps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="581"/>
        <source>%n long session(s) still need an approval. Submit the others and leave these open?</source>
        <translation>
            <numerusform>%n long session still needs an approval. Submit the others and leave it open?</numerusform>
            <numerusform>%n long sessions still need an approval. Submit the others and leave these open?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/panel.py" line="246"/>
        <source>%n entries selected</source>
        <translation>
            <numerusform>%n entry selected</numerusform>
            <numerusform>%n entries selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/suggestion_bar.py" line="65"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCounts</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/sync_words.py" line="43"/>
        <source>%n entries refused</source>
        <translation>
            <numerusform>%n entry refused</numerusform>
            <numerusform>%n entries refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/sync_words.py" line="46"/>
        <source>%n conflicts to decide</source>
        <translation>
            <numerusform>%n conflict to decide</numerusform>
            <numerusform>%n conflicts to decide</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/sync_words.py" line="49"/>
        <source>Sync: %n waiting</source>
        <translation>
            <numerusform>Sync: %n waiting</numerusform>
            <numerusform>Sync: %n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/timeline.py" line="351"/>
        <source>%n at once</source>
        <translation>
            <numerusform>%n at once</numerusform>
            <numerusform>%n at once</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray.py" line="194"/>
        <source>%n customers at once</source>
        <translation>
            <numerusform>%n customer at once</numerusform>
            <numerusform>%n customers at once</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayTooltip</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray_tooltip.py" line="68"/>
        <source>%n ended session(s) wait for a customer</source>
        <translation>
            <numerusform>%n ended session waits for a customer</numerusform>
            <numerusform>%n ended sessions wait for a customer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray_tooltip.py" line="72"/>
        <source>%n idle stretch(es) to answer: see the menu</source>
        <translation>
            <numerusform>%n idle stretch to answer: see the menu</numerusform>
            <numerusform>%n idle stretches to answer: see the menu</numerusform>
        </translation>
    </message>
</context>
</TS>
