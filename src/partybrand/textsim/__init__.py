"""Chinese text tools in plain Python (no Django): normalising, segmenting, keywords, pinyin,
and the similarity engine (engine.py: SimilarityIndex, similarity) that finds look-alike brands."""
