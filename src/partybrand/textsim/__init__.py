"""Chinese text tools in plain Python (no Django): normalising, segmenting, keywords, pinyin."""
