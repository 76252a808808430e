"""The Qt desktop interface.  Widgets call the services in ``desktop.core`` only."""
