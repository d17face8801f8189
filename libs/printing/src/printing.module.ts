import { Module } from '@nestjs/common';
import { PdfPrinter } from './pdf-printer';

/** Printing reports to PDF with a headless Chromium (CHROMIUM_PATH), where one is installed. */
@Module({
  providers: [PdfPrinter],
  exports: [PdfPrinter],
})
export class PrintingModule {}
