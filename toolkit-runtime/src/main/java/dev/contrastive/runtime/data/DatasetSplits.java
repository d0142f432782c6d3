package dev.contrastive.runtime.data;

import java.nio.file.Path;

/**
 * The splits of a built-in data set.
 *
 * @param pretrain the images pre-training draws from: the train split, or STL-10's unlabeled images
 * @param train the labelled train split: the kNN memory and the linear probe's training set
 * @param test the labelled test split
 * @param folder where they were read from
 */
record DatasetSplits(ImageSource pretrain, ImageSet train, ImageSet test, Path folder) {
}
