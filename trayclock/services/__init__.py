"""The Qt-free services the widgets talk to: the tray, customers, the review, detection options.

Each service reads and changes the store (and drives the tracker) for one window or one
start-up step, so the widgets hold no rule of their own and every rule here is tested
without Qt. Services may import the domain, store, tracker, detect and config, never ui.
"""
