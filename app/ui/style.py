"""One small style sheet: calm colours, a clear running state, readable errors."""

STYLE = """
#timerCard { border-radius: 8px; background: palette(alternate-base); border: 1px solid palette(mid); }
#timerCard[running="true"] { background: #e8f5ec; border: 1px solid #2f9e55; }
#timerCard[running="true"] QLabel { color: #1d3b27; }
#elapsed { font-size: 22px; font-weight: 600; }
#timerTitle { font-weight: 600; }
#stopButton { background: #d9480f; color: white; border: none; border-radius: 5px;
              padding: 6px 18px; font-weight: 600; }
#stopButton:focus { border: 2px solid #1d3b27; padding: 4px 16px; }
#stopButton:disabled { background: #e9a07f; }
#startButton { background: #2f9e55; color: white; border: none; border-radius: 5px;
               padding: 6px 18px; font-weight: 600; }
#startButton:disabled { background: #98cfaa; }
#startButton:focus { border: 2px solid #1d3b27; padding: 4px 16px; }
#heading { font-weight: 600; }
QTreeWidget::item { padding: 3px 2px; }
#formError, #status[error="true"] { color: #b42318; }
#status { color: palette(text); }
#totals, #account { color: palette(text); }
#account { color: gray; }
#palette { background: palette(window); border: 1px solid palette(mid); border-radius: 8px; }
#paletteField { font-size: 17px; padding: 7px 8px; border: 1px solid palette(mid); border-radius: 6px; }
#paletteField:focus { border: 2px solid #2f9e55; padding: 6px 7px; }
#palettePreview { color: #1d6b3a; font-weight: 600; padding: 2px 2px; }
#palettePreview[error="true"] { color: #b42318; font-weight: normal; }
#paletteList { border: none; font-size: 14px; }
#paletteList::item { padding: 5px 4px; }
#paletteList::item:selected { background: #2f9e55; color: white; border-radius: 4px; }
#paletteHint { color: gray; font-size: 11px; }
"""
