<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttachPrompt</name>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="68"/>
        <source>Which customer?</source>
        <translation>Welcher Kunde?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="90"/>
        <location filename="../../trayclock/ui/prompt.py" line="184"/>
        <source>Which customer was this session for?</source>
        <translation>Für welchen Kunden war diese Sitzung?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="100"/>
        <source>optional, e.g. #4711</source>
        <translation>optional, z. B. #4711</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="103"/>
        <source>what you did (optional)</source>
        <translation>was Sie gemacht haben (optional)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="104"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="106"/>
        <source>Remember this partner for this customer</source>
        <translation>Diesen Partner für diesen Kunden merken</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="113"/>
        <source>Attach</source>
        <translation>Zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="117"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="124"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="125"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="126"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="169"/>
        <source>started {time}</source>
        <translation>gestartet {time}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="173"/>
        <source>{app} session to {partner}</source>
        <translation>{app}-Sitzung zu {partner}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="180"/>
        <source>Change the customer of this session?</source>
        <translation>Kunden dieser Sitzung ändern?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="182"/>
        <source>Which customer is this session for?</source>
        <translation>Für welchen Kunden ist diese Sitzung?</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="46"/>
        <source>Type a customer&apos;s name…</source>
        <translation>Kundennamen eintippen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="56"/>
        <source>No customers yet. Type a name: the customer is created when you attach.</source>
        <translation>Noch keine Kunden. Tippen Sie einen Namen ein: Der Kunde wird beim Zuordnen angelegt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="87"/>
        <source>+ New customer “{name}”</source>
        <translation>+ Neuer Kunde „{name}“</translation>
    </message>
</context>
<context>
    <name>CustomersWindow</name>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="34"/>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="37"/>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="43"/>
        <source>New customer&apos;s name</source>
        <translation>Name des neuen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="44"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="45"/>
        <source>Rename to this</source>
        <translation>So umbenennen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="46"/>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="50"/>
        <source>App</source>
        <translation>Programm</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="50"/>
        <source>Partner ID</source>
        <translation>Partner-ID</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="50"/>
        <source>Last name seen</source>
        <translation>Zuletzt gesehener Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="56"/>
        <source>Forget this partner</source>
        <translation>Diesen Partner vergessen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="71"/>
        <source>Remembered partners: their sessions attach by themselves</source>
        <translation>Gemerkte Partner: ihre Sitzungen werden von selbst zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="130"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="48"/>
        <source>closed day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="49"/>
        <source>holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="50"/>
        <source>before opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="51"/>
        <source>after closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="75"/>
        <source>%1 rounded up to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="76"/>
        <source>%1 rounded to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="77"/>
        <source>%1 rounded down to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="88"/>
        <source>%1 from the hours bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="89"/>
        <source>%1 from the monthly quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="90"/>
        <source>%1 from the contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="140"/>
        <source>pricing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="141"/>
        <source>still running: priced when it ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="142"/>
        <source>discarded: not billed (restore it to bring it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="145"/>
        <source>no time: it ends where it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="149"/>
        <source>marked non-billable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="150"/>
        <source>long session: approve it to bill it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="151"/>
        <source>same customer at the same time: counted once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="152"/>
        <source>free quick fix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="35"/>
        <source>Previous day (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="42"/>
        <source>Next day (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="53"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="57"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="57"/>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="57"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="62"/>
        <source>Show discarded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../trayclock/ui/notifier.py" line="96"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>ReviewReminder</name>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="75"/>
        <source>Click to review them.</source>
        <translation>Zum Prüfen klicken.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="77"/>
        <source>Review them from the tray menu.</source>
        <translation>Prüfen Sie sie über das Menü im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="79"/>
        <source>%1 has entries nobody has reviewed yet.</source>
        <translation>%1 hat Einträge, die noch niemand geprüft hat.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="82"/>
        <source>Review your day</source>
        <translation>Prüfen Sie Ihren Tag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/openers.py" line="103"/>
        <source>Review the day</source>
        <translation>Tag prüfen</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="70"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="71"/>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="72"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="73"/>
        <source>App</source>
        <translation type="unfinished">Programm</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="74"/>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="75"/>
        <source>Customer</source>
        <translation type="unfinished">Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="76"/>
        <source>Ticket</source>
        <translation type="unfinished">Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="77"/>
        <source>Notes</source>
        <translation type="unfinished">Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="78"/>
        <source>Billable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="79"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="80"/>
        <source>Billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="81"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="82"/>
        <source>Why this amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/table_model.py" line="202"/>
        <source>Overlaps the session(s) starting %1</source>
        <translation>
            <numerusform>Überschneidet sich mit der Sitzung ab %1</numerusform>
            <numerusform>Überschneidet sich mit den Sitzungen ab %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="232"/>
        <source>— attach —</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="185"/>
        <location filename="../../trayclock/ui/review/window.py" line="363"/>
        <source>Submit day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="188"/>
        <source>Mark the entries reviewed and queue them for sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="291"/>
        <source>Cannot price this day: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="342"/>
        <source>%n entries, priced</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="344"/>
        <source>No entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="347"/>
        <source>Pricing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="364"/>
        <source>Submit week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="365"/>
        <source>Submit month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="370"/>
        <source>Review — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="374"/>
        <source>%n session(s) without a customer</source>
        <translation>
            <numerusform>%n Sitzung ohne Kunden</numerusform>
            <numerusform>%n Sitzungen ohne Kunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="375"/>
        <source>%n long session(s) to approve</source>
        <translation>
            <numerusform>%n lange Sitzung zu genehmigen</numerusform>
            <numerusform>%n lange Sitzungen zu genehmigen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="376"/>
        <source>%n session(s) still running</source>
        <translation>
            <numerusform>%n Sitzung läuft noch</numerusform>
            <numerusform>%n Sitzungen laufen noch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="377"/>
        <source>%n overlap(s)</source>
        <translation>
            <numerusform>%n Überschneidung</numerusform>
            <numerusform>%n Überschneidungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="379"/>
        <source>No entries on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="381"/>
        <source>No entries in this range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="383"/>
        <source>Everything attached and approved: ready to submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="384"/>
        <source>Submitted: every entry is reviewed and queued for sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="478"/>
        <source>Submit the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="501"/>
        <source>%n long session(s) still need an approval. Submit the others and leave these open?</source>
        <translation>
            <numerusform>%n lange Sitzung muss noch genehmigt werden. Die anderen übermitteln und sie offen lassen?</numerusform>
            <numerusform>%n lange Sitzungen müssen noch genehmigt werden. Die anderen übermitteln und diese offen lassen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="40"/>
        <source>Not submitted yet</source>
        <translation>Noch nicht übermittelt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="41"/>
        <source>Every session must have ended and have a customer before the day is submitted. Still open:</source>
        <translation>Bevor der Tag übermittelt wird, muss jede Sitzung beendet sein und einen Kunden haben. Noch offen:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="26"/>
        <source>still running, no customer yet</source>
        <translation>läuft noch, noch kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="28"/>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="32"/>
        <source>no customer yet</source>
        <translation>noch kein Kunde</translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="69"/>
        <source>Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="77"/>
        <source>Save ticket and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="89"/>
        <source>Nothing selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="120"/>
        <source>customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="122"/>
        <source>Attach</source>
        <translation type="unfinished">Zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="125"/>
        <source>Attach every selected entry to this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="140"/>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="145"/>
        <source>Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="150"/>
        <source>Split here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="153"/>
        <source>Split at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="156"/>
        <source>Ticket</source>
        <translation type="unfinished">Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="160"/>
        <source>Notes</source>
        <translation type="unfinished">Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="166"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="169"/>
        <source>Approve long sessions so they are billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="171"/>
        <location filename="../../trayclock/ui/review/panel.py" line="265"/>
        <source>Non-billable</source>
        <translation type="unfinished">Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="173"/>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="176"/>
        <source>Fold the selected entries into the earliest one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="185"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="188"/>
        <source>Hide from billing; kept in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="190"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="230"/>
        <source>Nothing selected: click a bar or a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="233"/>
        <source>no customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="235"/>
        <source>Why this amount: </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/panel.py" line="238"/>
        <source>%n entries selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="265"/>
        <source>Billable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="50"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="54"/>
        <source>Bill each customer the full shared time</source>
        <translation>Jedem Kunden die ganze gemeinsame Zeit berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="55"/>
        <source>Split the shared time between them</source>
        <translation>Die gemeinsame Zeit aufteilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="62"/>
        <source>every started increment</source>
        <translation>jeder angefangene Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="63"/>
        <source>to the nearest increment</source>
        <translation>auf den nächsten Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="64"/>
        <source>down</source>
        <translation>abrunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="70"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="72"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="73"/>
        <source>Hourly rate</source>
        <translation>Stundensatz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="74"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="75"/>
        <source>Billing increment</source>
        <translation>Abrechnungstakt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="76"/>
        <source>Rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="77"/>
        <source>Free when shorter than</source>
        <translation>Kostenlos, wenn kürzer als</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="78"/>
        <source>Bill at least</source>
        <translation>Mindestens berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="79"/>
        <source>Hold for review when longer than</source>
        <translation>Zur Prüfung zurückhalten, wenn länger als</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="80"/>
        <source>Data folder: {folder}</source>
        <translation>Datenordner: {folder}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="96"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="117"/>
        <source>The hourly rate must be a number, like 85.00</source>
        <translation>Der Stundensatz muss eine Zahl sein, z. B. 85.00</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="119"/>
        <source>The hourly rate cannot be negative</source>
        <translation>Der Stundensatz darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="122"/>
        <source>The currency is a three-letter code, like EUR</source>
        <translation>Die Währung ist ein Code aus drei Buchstaben, z. B. EUR</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="139"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="21"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="24"/>
        <source>This desktop has no system tray, so trayclock shows this window.</source>
        <translation>Dieser Desktop hat keinen Infobereich, darum zeigt trayclock dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="29"/>
        <source>Menu…</source>
        <translation>Menü…</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/timeline.py" line="322"/>
        <source>%n at once</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="373"/>
        <source>? no customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="378"/>
        <source>⚠ approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="380"/>
        <source>attach!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="384"/>
        <location filename="../../trayclock/ui/review/timeline.py" line="467"/>
        <source>after hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="466"/>
        <source>business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="471"/>
        <location filename="../../trayclock/ui/review/timeline.py" line="544"/>
        <source>no customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="476"/>
        <source>awaits approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="478"/>
        <source>overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="482"/>
        <source>non-billable / merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="549"/>
        <source>overlaps another session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsTable</name>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="40"/>
        <source>Customer</source>
        <translation type="unfinished">Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="41"/>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="42"/>
        <source>Billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="43"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="44"/>
        <source>From contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="45"/>
        <source>Contract left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="46"/>
        <source>To review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="69"/>
        <source>No customer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="81"/>
        <source>Day total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="81"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="160"/>
        <source>{customer}: session attached</source>
        <translation>{customer}: Sitzung zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="169"/>
        <source>Company policy: split — the shared time is divided between them.</source>
        <translation>Firmenregel: teilen — die gemeinsame Zeit wird aufgeteilt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="171"/>
        <source>Company policy: bill each — each is billed the full shared time.</source>
        <translation>Firmenregel: jeder zahlt — jedem wird die ganze gemeinsame Zeit berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="173"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="174"/>
        <source>{a} and {b} are both running.</source>
        <translation>{a} und {b} laufen beide.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="177"/>
        <source>{some} and {last} are running at the same time.</source>
        <translation>{some} und {last} laufen gleichzeitig.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="184"/>
        <source>Two sessions for {customer}</source>
        <translation>Zwei Sitzungen für {customer}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="185"/>
        <source>They overlap; the shared time is billed once.</source>
        <translation>Sie überschneiden sich; die gemeinsame Zeit wird einmal berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="189"/>
        <source>trayclock could not do that</source>
        <translation>trayclock konnte das nicht ausführen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="238"/>
        <source>No session running</source>
        <translation>Keine Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="269"/>
        <source>Today so far: {total}</source>
        <translation>Heute bisher: {total}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray.py" line="350"/>
        <source>Sync: %n entries waiting to send</source>
        <translation>
            <numerusform>Sync: %n Eintrag wartet auf Versand</numerusform>
            <numerusform>Sync: %n Einträge warten auf Versand</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="352"/>
        <source>Sync problem: {detail}</source>
        <translation>Sync-Problem: {detail}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray.py" line="176"/>
        <source>%n customers at once</source>
        <translation>
            <numerusform>%n Kunde gleichzeitig</numerusform>
            <numerusform>%n Kunden gleichzeitig</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="150"/>
        <source>{app} {partner} is known.</source>
        <translation>{app} {partner} ist bekannt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="155"/>
        <source>Click here to change the customer.</source>
        <translation>Hier klicken, um den Kunden zu ändern.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="157"/>
        <source>To change the customer, use the tray menu.</source>
        <translation>Den Kunden ändern Sie über das Menü im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="163"/>
        <source>Change customer</source>
        <translation>Kunden ändern</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="238"/>
        <source>Running sessions</source>
        <translation>Laufende Sitzungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="246"/>
        <source>Ended, waiting for a customer</source>
        <translation>Beendet, wartet auf einen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="256"/>
        <source>Start manual timer</source>
        <translation>Manuellen Timer starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="263"/>
        <source>Stop manual timer ({elapsed})</source>
        <translation>Manuellen Timer stoppen ({elapsed})</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="274"/>
        <source>Review day…</source>
        <translation>Tag prüfen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="275"/>
        <source>Customers…</source>
        <translation>Kunden…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="276"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="281"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="287"/>
        <source>Pause detection</source>
        <translation>Erkennung pausieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="293"/>
        <source>Quit trayclock</source>
        <translation>trayclock beenden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="315"/>
        <source>Attach customer…</source>
        <translation>Kunden zuordnen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="315"/>
        <source>Change customer…</source>
        <translation>Kunden ändern…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="323"/>
        <source>Add note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="324"/>
        <source>Ticket…</source>
        <translation>Ticket…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="329"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="335"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="348"/>
        <source>Sync: up to date</source>
        <translation>Sync: aktuell</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="353"/>
        <source>Sync: no backend set up</source>
        <translation>Sync: kein Backend eingerichtet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="360"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="360"/>
        <source>What did you do?</source>
        <translation>Was haben Sie gemacht?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="369"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="369"/>
        <source>Ticket number:</source>
        <translation>Ticketnummer:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="378"/>
        <source>Not available yet</source>
        <translation>Noch nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="379"/>
        <source>This window is not part of this version of trayclock yet.</source>
        <translation>Dieses Fenster ist in dieser trayclock-Version noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>TrayTooltip</name>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="49"/>
        <source>Detection paused: new sessions are not recorded</source>
        <translation>Erkennung pausiert: neue Sitzungen werden nicht erfasst</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="51"/>
        <source>No session running</source>
        <translation>Keine Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="55"/>
        <source>Today so far: {total}</source>
        <translation>Heute bisher: {total}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="57"/>
        <source>Sync problem: {detail}</source>
        <translation>Sync-Problem: {detail}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray_tooltip.py" line="60"/>
        <source>%n ended session(s) wait for a customer</source>
        <translation>
            <numerusform>%n beendete Sitzung wartet auf einen Kunden</numerusform>
            <numerusform>%n beendete Sitzungen warten auf einen Kunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../trayclock/app.py" line="246"/>
        <source>trayclock is already running, but it does not answer. Look for its icon in the system tray, or end it and start trayclock again.</source>
        <translation>trayclock läuft bereits, antwortet aber nicht. Suchen Sie das Symbol im Infobereich, oder beenden Sie trayclock und starten Sie es neu.</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="18"/>
        <source>Manual timer</source>
        <translation>Manueller Timer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="38"/>
        <source>an unknown partner</source>
        <translation>einem unbekannten Partner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="50"/>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="52"/>
        <source>0 min</source>
        <translation>0 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="56"/>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="58"/>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="60"/>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="75"/>
        <source>no customer yet</source>
        <translation>noch kein Kunde</translation>
    </message>
</context>
</TS>
